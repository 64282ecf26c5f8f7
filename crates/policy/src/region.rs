//! Where an enterprise is (所在地): administrative division codes (行政区划代码, GB/T 2260) of
//! the four pilot cities' districts and counties (区县), and the 34 province-level prefixes so that
//! a code from elsewhere in China is read too (it simply lies outside every pilot city).
//!
//! Development zones (开发区, 高新区 …) have no county code of their own; statistical codes for them
//! use the city's prefix. So any 6-digit code with a pilot city's 4-digit prefix counts as inside
//! that city, and the district is named only when it is one of those listed here.
//!
//! ```
//! use shuzhuan_policy::region::parse_region;
//! let r = parse_region("350203").unwrap();
//! assert_eq!(r.city.unwrap().zh, "厦门市");
//! assert_eq!(r.district, Some("思明区"));
//! assert_eq!(r.describe().zh, "厦门市思明区（350203）");
//! ```

use crate::amount::halfwidth;
use crate::rules::CityRef;
use crate::t;
use crate::text::Text;
use serde::Serialize;

/// A pilot city (试点城市) with its districts and counties (区县) as listed in GB/T 2260.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct City {
    /// The city's 4-digit prefix (地级行政区划代码前四位), e.g. `3502`.
    pub code: &'static str,
    /// Chinese name, e.g. 厦门市.
    pub zh: &'static str,
    /// English name, e.g. Xiamen.
    pub en: &'static str,
    /// `(6-digit code, name)` of each 区、县 or 县级市.
    pub districts: &'static [(&'static str, &'static str)],
}

impl City {
    /// The name of the listed district with this 6-digit code, if any.
    ///
    /// ```
    /// use shuzhuan_policy::region::city;
    /// assert_eq!(city("3307").unwrap().district("330782"), Some("义乌市"));
    /// assert_eq!(city("3307").unwrap().district("330799"), None);
    /// ```
    pub fn district(&self, code6: &str) -> Option<&'static str> {
        self.districts.iter().find(|(c, _)| *c == code6).map(|(_, n)| *n)
    }

    /// Whether a 6-digit code lies in this city (starts with its 4-digit prefix).
    ///
    /// ```
    /// use shuzhuan_policy::region::city;
    /// assert!(city("3502").unwrap().contains("350299"));
    /// assert!(!city("3502").unwrap().contains("350102"));
    /// ```
    pub fn contains(&self, code6: &str) -> bool {
        code6.len() == 6 && code6.bytes().all(|b| b.is_ascii_digit()) && code6.starts_with(self.code)
    }
}

/// The four pilot cities: Fuzhou, Xiamen, Jinhua and Jinan.
pub const CITIES: &[City] = &[
    City {
        code: "3501",
        zh: "福州市",
        en: "Fuzhou",
        districts: &[
            ("350102", "鼓楼区"),
            ("350103", "台江区"),
            ("350104", "仓山区"),
            ("350105", "马尾区"),
            ("350111", "晋安区"),
            ("350112", "长乐区"),
            ("350121", "闽侯县"),
            ("350122", "连江县"),
            ("350123", "罗源县"),
            ("350124", "闽清县"),
            ("350125", "永泰县"),
            ("350128", "平潭县"),
            ("350181", "福清市"),
        ],
    },
    City {
        code: "3502",
        zh: "厦门市",
        en: "Xiamen",
        districts: &[
            ("350203", "思明区"),
            ("350205", "海沧区"),
            ("350206", "湖里区"),
            ("350211", "集美区"),
            ("350212", "同安区"),
            ("350213", "翔安区"),
        ],
    },
    City {
        code: "3307",
        zh: "金华市",
        en: "Jinhua",
        districts: &[
            ("330702", "婺城区"),
            ("330703", "金东区"),
            ("330723", "武义县"),
            ("330726", "浦江县"),
            ("330727", "磐安县"),
            ("330781", "兰溪市"),
            ("330782", "义乌市"),
            ("330783", "东阳市"),
            ("330784", "永康市"),
        ],
    },
    City {
        code: "3701",
        zh: "济南市",
        en: "Jinan",
        districts: &[
            ("370102", "历下区"),
            ("370103", "市中区"),
            ("370104", "槐荫区"),
            ("370105", "天桥区"),
            ("370112", "历城区"),
            ("370113", "长清区"),
            ("370114", "章丘区"),
            ("370115", "济阳区"),
            ("370116", "莱芜区"),
            ("370117", "钢城区"),
            ("370124", "平阴县"),
            ("370126", "商河县"),
        ],
    },
];

/// A province-level division (省级行政区) of GB/T 2260.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Province {
    /// The 2-digit prefix, e.g. `35`.
    pub code: &'static str,
    /// Chinese name, e.g. 福建省.
    pub zh: &'static str,
    /// English name, e.g. Fujian.
    pub en: &'static str,
}

/// The 34 province-level divisions of GB/T 2260, by 2-digit prefix.
pub const PROVINCES: &[Province] = &[
    Province { code: "11", zh: "北京市", en: "Beijing" },
    Province { code: "12", zh: "天津市", en: "Tianjin" },
    Province { code: "13", zh: "河北省", en: "Hebei" },
    Province { code: "14", zh: "山西省", en: "Shanxi" },
    Province { code: "15", zh: "内蒙古自治区", en: "Inner Mongolia" },
    Province { code: "21", zh: "辽宁省", en: "Liaoning" },
    Province { code: "22", zh: "吉林省", en: "Jilin" },
    Province { code: "23", zh: "黑龙江省", en: "Heilongjiang" },
    Province { code: "31", zh: "上海市", en: "Shanghai" },
    Province { code: "32", zh: "江苏省", en: "Jiangsu" },
    Province { code: "33", zh: "浙江省", en: "Zhejiang" },
    Province { code: "34", zh: "安徽省", en: "Anhui" },
    Province { code: "35", zh: "福建省", en: "Fujian" },
    Province { code: "36", zh: "江西省", en: "Jiangxi" },
    Province { code: "37", zh: "山东省", en: "Shandong" },
    Province { code: "41", zh: "河南省", en: "Henan" },
    Province { code: "42", zh: "湖北省", en: "Hubei" },
    Province { code: "43", zh: "湖南省", en: "Hunan" },
    Province { code: "44", zh: "广东省", en: "Guangdong" },
    Province { code: "45", zh: "广西壮族自治区", en: "Guangxi" },
    Province { code: "46", zh: "海南省", en: "Hainan" },
    Province { code: "50", zh: "重庆市", en: "Chongqing" },
    Province { code: "51", zh: "四川省", en: "Sichuan" },
    Province { code: "52", zh: "贵州省", en: "Guizhou" },
    Province { code: "53", zh: "云南省", en: "Yunnan" },
    Province { code: "54", zh: "西藏自治区", en: "Xizang" },
    Province { code: "61", zh: "陕西省", en: "Shaanxi" },
    Province { code: "62", zh: "甘肃省", en: "Gansu" },
    Province { code: "63", zh: "青海省", en: "Qinghai" },
    Province { code: "64", zh: "宁夏回族自治区", en: "Ningxia" },
    Province { code: "65", zh: "新疆维吾尔自治区", en: "Xinjiang" },
    Province { code: "71", zh: "台湾省", en: "Taiwan" },
    Province { code: "81", zh: "香港特别行政区", en: "Hong Kong" },
    Province { code: "82", zh: "澳门特别行政区", en: "Macao" },
];

/// The pilot city with this 4-digit prefix (`3502`), if it is one of [`CITIES`].
///
/// ```
/// use shuzhuan_policy::region::city;
/// assert_eq!(city("3701").unwrap().en, "Jinan");
/// assert!(city("3101").is_none());
/// ```
pub fn city(code4: &str) -> Option<&'static City> {
    CITIES.iter().find(|c| c.code == code4)
}

/// A city as a district picker offers it: the city of a programme in the rules in use, with the
/// districts to choose from. The same JSON shape as [`City`] (`districts` as `[code, name]` pairs),
/// so the picker reads either.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PickerCity {
    pub code: String,
    pub zh: String,
    pub en: String,
    pub districts: Vec<(String, String)>,
}

/// The cities of these programmes' [`CityRef`]s, each once, for a district picker: the districts a
/// pack lists for its city, else the built-in list of [`CITIES`], else none (the firm enters its
/// code, and the city's `00` entry stands for its development zones). The built-in cities come
/// first in their usual order, then the others in the order given.
///
/// ```
/// use shuzhuan_policy::region::picker;
/// use shuzhuan_policy::rules::{CityRef, DistrictRef};
/// let hz = CityRef { code: "3301".into(), zh: "杭州市".into(), en: "Hangzhou".into(),
///     districts: vec![DistrictRef { code: "330102".into(), zh: "上城区".into() }] };
/// let xm = CityRef { code: "3502".into(), zh: "厦门市".into(), en: "Xiamen".into(), districts: vec![] };
/// let p = picker([&hz, &xm, &hz]);
/// assert_eq!(p.iter().map(|c| c.zh.as_str()).collect::<Vec<_>>(), ["厦门市", "杭州市"]);
/// assert_eq!(p[0].districts[0], ("350203".to_string(), "思明区".to_string()));
/// assert_eq!(p[1].districts, [("330102".to_string(), "上城区".to_string())]);
/// ```
pub fn picker<'a>(cities: impl IntoIterator<Item = &'a CityRef>) -> Vec<PickerCity> {
    let mut given: Vec<&CityRef> = Vec::new();
    for c in cities {
        match given.iter_mut().find(|g| g.code == c.code) {
            // Two programmes of one city: a list either gives is kept.
            Some(g) if g.districts.is_empty() => *g = c,
            Some(_) => {}
            None => given.push(c),
        }
    }
    let rank = |c: &&CityRef| CITIES.iter().position(|b| b.code == c.code).unwrap_or(CITIES.len());
    given.sort_by_key(rank);
    given
        .into_iter()
        .map(|c| {
            let districts = if c.districts.is_empty() {
                city(&c.code).map(|b| b.districts.iter().map(|(d, n)| (d.to_string(), n.to_string())).collect()).unwrap_or_default()
            } else {
                c.districts.iter().map(|d| (d.code.clone(), d.zh.clone())).collect()
            };
            PickerCity { code: c.code.clone(), zh: c.zh.clone(), en: c.en.clone(), districts }
        })
        .collect()
}

/// The province-level division with this 2-digit prefix (`35`), if any.
///
/// ```
/// use shuzhuan_policy::region::province;
/// assert_eq!(province("35").unwrap().zh, "福建省");
/// assert!(province("99").is_none());
/// ```
pub fn province(code2: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code2)
}

/// A place read by [`parse_region`]: its 6-digit code, province, and — inside a pilot city — the
/// city and (when listed) the district.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Region {
    /// The 6-digit division code, e.g. `350203`; for a name, the listed code (`350200` for a city).
    pub code: String,
    /// The province's Chinese name, e.g. 福建省.
    pub province: &'static str,
    /// The pilot city the code lies in, if any.
    pub city: Option<&'static City>,
    /// The district's name when the code is a listed district of that city.
    pub district: Option<&'static str>,
}

impl Region {
    /// A short description for reports.
    ///
    /// ```
    /// use shuzhuan_policy::region::parse_region;
    /// let d = |s| parse_region(s).unwrap().describe();
    /// assert_eq!(d("350203").en, "Xiamen, 思明区 (350203)");
    /// assert_eq!(d("350299").zh, "厦门市（350299，未列明区县）");
    /// assert_eq!(d("350200").zh, "厦门市（350200）");
    /// assert_eq!(d("350000").zh, "福建省（350000）");
    /// assert_eq!(d("110101").en, "Beijing (110101)");
    /// ```
    pub fn describe(&self) -> Text {
        let code = &self.code;
        match self.city {
            Some(c) => in_city(code, c.zh, c.en, self.district),
            None => {
                let zh = self.province;
                let en = self.province_en();
                t!("{zh}（{code}）", "{en} ({code})")
            }
        }
    }

    /// A short description for reports, naming the city and district as the rules in use do:
    /// `cities` are the [`CityRef`]s of the loaded programmes. A district a pack lists for the
    /// city the code lies in is named by the pack (in English too, by its Chinese name, as
    /// [`describe`](Self::describe) names a built-in district); a code of a pack's city that is
    /// not one of [`CITIES`] names that city; anything else is [`describe`](Self::describe)'s.
    /// Called only when a sentence is written: it reads `cities` then, and allocates nothing else.
    ///
    /// ```
    /// use shuzhuan_policy::region::parse_region;
    /// use shuzhuan_policy::rules::{CityRef, DistrictRef};
    /// let hz = CityRef { code: "3301".into(), zh: "杭州市".into(), en: "Hangzhou".into(),
    ///     districts: vec![DistrictRef { code: "330102".into(), zh: "上城区".into() }] };
    /// let d = |s| parse_region(s).unwrap().describe_in([&hz]);
    /// assert_eq!(d("330102").zh, "杭州市上城区（330102）");
    /// assert_eq!(d("330102").en, "Hangzhou, 上城区 (330102)");
    /// assert_eq!(d("330106").zh, "杭州市（330106，未列明区县）");
    /// assert_eq!(d("330100").en, "Hangzhou (330100)");
    /// // Elsewhere, and in the built-in cities, as `describe`.
    /// assert_eq!(d("330206").zh, "浙江省（330206）");
    /// assert_eq!(d("350203").zh, "厦门市思明区（350203）");
    /// ```
    pub fn describe_in<'a>(&self, cities: impl IntoIterator<Item = &'a CityRef>) -> Text {
        let code4 = self.code.get(..4);
        let mut city: Option<&CityRef> = None;
        for c in cities.into_iter().filter(|c| code4 == Some(c.code.as_str())) {
            if let Some(d) = c.districts.iter().find(|d| d.code == self.code) {
                return in_city(&self.code, &c.zh, &c.en, Some(&d.zh));
            }
            city = city.or(Some(c));
        }
        match (self.city, city) {
            (None, Some(c)) => in_city(&self.code, &c.zh, &c.en, None),
            _ => self.describe(),
        }
    }

    /// The province's English name, e.g. Fujian.
    pub fn province_en(&self) -> &'static str {
        PROVINCES.iter().find(|p| p.zh == self.province).map(|p| p.en).unwrap_or("")
    }

    /// Whether this place lies in the pilot city with the 4-digit prefix `code4`.
    ///
    /// ```
    /// use shuzhuan_policy::region::parse_region;
    /// assert!(parse_region("义乌市").unwrap().in_city("3307"));
    /// assert!(!parse_region("350203").unwrap().in_city("3307"));
    /// ```
    pub fn in_city(&self, code4: &str) -> bool {
        self.city.is_some_and(|c| c.code == code4)
    }
}

/// A place inside a city: its district when named, else the city alone (a city-level code
/// `…00`) or with "district not listed".
fn in_city(code: &str, zh: &str, en: &str, district: Option<&str>) -> Text {
    match district {
        Some(d) => t!("{zh}{d}（{code}）", "{en}, {d} ({code})"),
        None if code.ends_with("00") => t!("{zh}（{code}）", "{en} ({code})"),
        None => t!("{zh}（{code}，未列明区县）", "{en} ({code}, district not listed)"),
    }
}

/// Why [`parse_region`] refused an input. [`RegionError::message`] turns it into a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegionError {
    /// Nothing was typed.
    Empty,
    /// Digits, but not six of them, or digits mixed with other characters; holds what was typed.
    Malformed(String),
    /// Six digits whose first two are not a province-level prefix; holds the code.
    UnknownProvince(String),
    /// A name that is not a listed district or pilot city (or is ambiguous); holds what was typed.
    UnknownName(String),
}

impl RegionError {
    /// A sentence in Chinese and English naming what was typed and what is expected.
    ///
    /// ```
    /// use shuzhuan_policy::region::RegionError;
    /// let m = RegionError::Malformed("35020".into()).message();
    /// assert!(m.zh.contains("35020") && m.zh.contains("350203"));
    /// ```
    pub fn message(&self) -> Text {
        match self {
            RegionError::Empty => t!(
                "请填写所在地：6 位行政区划代码（如 350203）或区县名称（如 厦门市思明区）",
                "Please enter the location: a 6-digit division code (e.g. 350203) or a district name (e.g. 厦门市思明区)"
            ),
            RegionError::Malformed(s) => {
                let s = shorten(s);
                t!(
                    "所在地“{s}”不是有效的行政区划代码：应为 6 位数字，如 350203（厦门市思明区）",
                    "location \"{s}\" is not a valid division code: expected 6 digits, e.g. 350203 (思明区, Xiamen)"
                )
            }
            RegionError::UnknownProvince(s) => {
                let s = shorten(s);
                let p: String = s.chars().take(2).collect();
                t!(
                    "行政区划代码“{s}”的前两位 {p} 不是省级行政区划代码；应为 6 位数字，如 350203（厦门市思明区）",
                    "division code \"{s}\" does not start with a province prefix ({p} is none); expected 6 digits, e.g. 350203 (思明区, Xiamen)"
                )
            }
            RegionError::UnknownName(s) => unknown_name(s, &[]),
        }
    }

    /// [`message`](Self::message), except that a name not recognised also names, after the seed
    /// cities, the other cities of `cities` (the rules' [`CityRef`]s) whose districts a pack lists,
    /// as [`parse_region_in`] reads them. Without such a city, exactly [`message`](Self::message).
    ///
    /// ```
    /// use shuzhuan_policy::region::RegionError;
    /// use shuzhuan_policy::rules::{CityRef, DistrictRef};
    /// let hz = CityRef { code: "3301".into(), zh: "杭州市".into(), en: "Hangzhou".into(),
    ///     districts: vec![DistrictRef { code: "330106".into(), zh: "西湖区".into() }] };
    /// let e = RegionError::UnknownName("朝阳区".into());
    /// assert!(e.message_in([&hz]).zh.contains("福州、厦门、金华、济南、杭州的区县"));
    /// assert!(e.message_in([&hz]).en.contains("Fuzhou, Xiamen, Jinhua, Jinan and Hangzhou"));
    /// assert_eq!(e.message_in([]), e.message());
    /// ```
    pub fn message_in<'a>(&self, cities: impl IntoIterator<Item = &'a CityRef>) -> Text {
        let RegionError::UnknownName(s) = self else { return self.message() };
        let mut extra: Vec<&CityRef> = Vec::new();
        for c in cities {
            if !c.districts.is_empty() && city(&c.code).is_none() && !extra.iter().any(|e| e.code == c.code) {
                extra.push(c);
            }
        }
        unknown_name(s, &extra)
    }
}

/// A name not recognised: the sentence names the cities whose district names are read, the
/// built-in ones and then `extra` (a pack's cities with listed districts).
fn unknown_name(s: &str, extra: &[&CityRef]) -> Text {
    let s = shorten(s);
    let zh: Vec<&str> =
        CITIES.iter().map(|c| c.zh).chain(extra.iter().map(|c| c.zh.as_str())).map(|n| forms(n).last().unwrap_or(n)).collect();
    let mut en: Vec<&str> = CITIES.iter().map(|c| c.en).chain(extra.iter().map(|c| c.en.as_str())).collect();
    let last = en.pop().unwrap_or("");
    let (zh, en) = (zh.join("、"), en.join(", "));
    t!(
        "未能识别地名“{s}”：名称只能识别{zh}的区县；其他地方请填写 6 位行政区划代码，如 350203",
        "could not recognise the place \"{s}\": names are known only for the districts of {en} and {last}; elsewhere enter the 6-digit division code, e.g. 350203"
    )
}

/// Reads a location as users type it.
///
/// - A 6-digit code (full-width digits and surrounding or inner spaces are fine) whose first two
///   digits are a province prefix. City-level (`350200`) and province-level (`350000`) codes are
///   accepted; the city is known when the first four digits are a pilot city's.
/// - The name of a listed district, with or without its city and province and with or without
///   its last character 区/县/市: `思明区`, `厦门市思明区`, `福建省厦门市思明区`, `义乌`. A pilot
///   city's name alone (`厦门市`, `厦门`, `Xiamen`) gives its city-level code (`350200`).
///
/// Names are matched only against the four pilot cities: `鼓楼区` is Fuzhou's (Nanjing's 鼓楼区 must
/// be entered by code). No two listed names collide, so a match is never ambiguous.
///
/// ```
/// use shuzhuan_policy::region::{parse_region, RegionError};
/// assert_eq!(parse_region("３５０２０３").unwrap().district, Some("思明区"));
/// assert_eq!(parse_region("市中区").unwrap().code, "370103");
/// assert_eq!(parse_region("厦门市思明区").unwrap().code, "350203");
/// assert!(parse_region("110101").unwrap().city.is_none());
/// assert!(matches!(parse_region("990101"), Err(RegionError::UnknownProvince(_))));
/// assert!(matches!(parse_region("35020"), Err(RegionError::Malformed(_))));
/// ```
pub fn parse_region(input: &str) -> Result<Region, RegionError> {
    parse_region_in(input, [])
}

/// Reads a location as [`parse_region`] does, and also by the names the rules in use give:
/// `cities` are the [`CityRef`]s of the loaded programmes. A city of theirs is read by its
/// Chinese name (with or without 市 and its province) or English name, giving its city-level
/// code (`330100`); a district a pack lists is read by its name, with or without the city and
/// province and with or without its last character 区/县/市, giving its code. A name must name
/// one place among the built-in cities and these (the same code given twice is one place);
/// codes are read as [`parse_region`] reads them. With no `cities`, this is [`parse_region`].
///
/// ```
/// use shuzhuan_policy::region::parse_region_in;
/// use shuzhuan_policy::rules::{CityRef, DistrictRef};
/// let hz = CityRef { code: "3301".into(), zh: "杭州市".into(), en: "Hangzhou".into(),
///     districts: vec![DistrictRef { code: "330106".into(), zh: "西湖区".into() }] };
/// let code = |s| parse_region_in(s, [&hz]).map(|r| r.code);
/// assert_eq!(code("西湖区"), Ok("330106".into()));
/// assert_eq!(code("杭州市西湖区"), Ok("330106".into()));
/// assert_eq!(code("浙江杭州西湖"), Ok("330106".into()));
/// assert_eq!(code("杭州"), Ok("330100".into()));
/// assert_eq!(code("hangzhou"), Ok("330100".into()));
/// assert_eq!(code("思明区"), Ok("350203".into()));
/// assert!(code("厦门市西湖区").is_err());
/// ```
pub fn parse_region_in<'a>(input: &str, cities: impl IntoIterator<Item = &'a CityRef>) -> Result<Region, RegionError> {
    let half: String = input.chars().map(halfwidth).collect();
    let trimmed = half.trim();
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err(RegionError::Empty);
    }
    if compact.chars().any(|c| c.is_ascii_digit()) {
        return parse_code(&compact, trimmed);
    }
    let unknown = || RegionError::UnknownName(trimmed.to_string());
    let seed = parse_name(&compact);
    // The one code the name gives, or `Err` once two places match.
    let mut code: Result<Option<String>, ()> = Ok(seed.as_ref().map(|r| r.code.clone()));
    let mut note = |hit: String| {
        code = match std::mem::replace(&mut code, Err(())) {
            Ok(Some(k)) if k != hit => Err(()),
            Ok(None) => Ok(Some(hit)),
            other => other,
        }
    };
    for c in cities {
        let Some(prov) = c.code.get(..2).and_then(province) else { continue };
        for d in &c.districts {
            if optional_prefixes(&compact, prov.zh, &c.zh).into_iter().any(|rest| forms(&d.zh).any(|f| f == rest)) {
                note(d.code.clone());
            }
        }
        let city_alone = (!c.en.is_empty() && compact.eq_ignore_ascii_case(&c.en))
            || optional_prefixes(&compact, prov.zh, "").into_iter().any(|rest| forms(&c.zh).any(|f| f == rest));
        if city_alone {
            note(format!("{}00", c.code));
        }
    }
    match (code, seed) {
        (Ok(Some(k)), Some(r)) if k == r.code => Ok(r),
        (Ok(Some(k)), _) => parse_code(&k, trimmed).map_err(|_| unknown()),
        _ => Err(unknown()),
    }
}

fn parse_code(code: &str, typed: &str) -> Result<Region, RegionError> {
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(RegionError::Malformed(typed.to_string()));
    }
    let prefix2 = code.get(..2).unwrap_or("");
    let Some(prov) = province(prefix2) else {
        return Err(RegionError::UnknownProvince(code.to_string()));
    };
    let city = code.get(..4).and_then(city);
    Ok(Region { code: code.to_string(), province: prov.zh, city, district: city.and_then(|c| c.district(code)) })
}

/// Matches `s` (half-width, no whitespace) against every accepted spelling of every listed
/// district and pilot city; `None` unless exactly one place matches.
fn parse_name(s: &str) -> Option<Region> {
    let mut found: Option<Region> = None;
    let mut count = 0;
    for c in CITIES {
        let prov = c.code.get(..2).and_then(province)?;
        let city_code = format!("{}00", c.code);
        // Province and city forms may be omitted; the district (full or stem) may not.
        for (code, name) in c.districts {
            let hit = optional_prefixes(s, prov.zh, c.zh).into_iter().any(|rest| forms(name).any(|f| f == rest));
            if hit {
                count += 1;
                found = Some(Region { code: code.to_string(), province: prov.zh, city: Some(c), district: Some(name) });
            }
        }
        // A pilot city alone, in Chinese (with or without province) or English.
        let city_alone =
            s.eq_ignore_ascii_case(c.en) || optional_prefixes(s, prov.zh, "").into_iter().any(|rest| forms(c.zh).any(|f| f == rest));
        if city_alone {
            count += 1;
            found = Some(Region { code: city_code, province: prov.zh, city: Some(c), district: None });
        }
    }
    if count == 1 {
        found
    } else {
        None
    }
}

/// What is left of `s` after each way of dropping an optional province name and then an
/// optional city name (full or without its 省/市/自治区 suffix) from its start.
fn optional_prefixes<'a>(s: &'a str, province: &str, city: &str) -> Vec<&'a str> {
    let after_province: Vec<&'a str> = std::iter::once(s).chain(forms(province).filter_map(|f| s.strip_prefix(f))).collect();
    after_province
        .into_iter()
        .flat_map(|r| {
            let dropped: Vec<&'a str> = if city.is_empty() { Vec::new() } else { forms(city).filter_map(|f| r.strip_prefix(f)).collect() };
            std::iter::once(r).chain(dropped)
        })
        .collect()
}

/// A name in full and, when at least two characters remain, without its administrative suffix
/// (福建省 → 福建, 厦门市 → 厦门, 思明区 → 思明, 广西壮族自治区 → 广西).
fn forms(name: &str) -> impl Iterator<Item = &str> {
    const SUFFIXES: &[&str] = &["特别行政区", "维吾尔自治区", "回族自治区", "壮族自治区", "自治区", "省", "市", "区", "县"];
    let stem = SUFFIXES.iter().find_map(|suf| name.strip_suffix(suf)).filter(|stem| stem.chars().count() >= 2);
    std::iter::once(name).chain(stem)
}

/// At most 40 characters of user input, without control characters, for messages.
fn shorten(s: &str) -> String {
    crate::text::shown(s, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        assert_eq!(CITIES.len(), 4);
        assert_eq!(PROVINCES.len(), 34);
        let n: usize = CITIES.iter().map(|c| c.districts.len()).sum();
        assert_eq!(n, 13 + 6 + 9 + 12);
        for c in CITIES {
            assert_eq!(c.code.len(), 4);
            assert!(province(&c.code[..2]).is_some());
            for (code, _) in c.districts {
                assert!(c.contains(code), "{code}");
            }
        }
        let mut codes: Vec<&str> = PROVINCES.iter().map(|p| p.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), 34);
        assert_eq!(province("65").unwrap().zh, "新疆维吾尔自治区");
        assert_eq!(province("82").unwrap().zh, "澳门特别行政区");
    }

    #[test]
    fn every_district_parses_by_code_and_name() {
        for c in CITIES {
            for (code, name) in c.districts {
                for input in [code.to_string(), name.to_string(), format!("{}{}", c.zh, name)] {
                    let r = parse_region(&input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
                    assert_eq!(r.code, *code, "{input}");
                    assert_eq!(r.city, Some(c), "{input}");
                    assert_eq!(r.district, Some(*name), "{input}");
                    assert!(r.in_city(c.code));
                    assert_eq!(r.describe().zh, format!("{}{}（{}）", c.zh, name, code));
                    // Re-reading the stored code gives the same place.
                    assert_eq!(parse_region(&r.code).unwrap(), r);
                }
            }
        }
    }

    #[test]
    fn codes_inside_a_city_without_a_listed_district() {
        let r = parse_region("350299").unwrap();
        assert_eq!(r.city.unwrap().zh, "厦门市");
        assert_eq!(r.district, None);
        assert_eq!(r.province, "福建省");
        assert_eq!(r.describe().zh, "厦门市（350299，未列明区县）");
        assert_eq!(r.describe().en, "Xiamen (350299, district not listed)");
        // 济南高新区 statistical codes use the city prefix.
        assert!(parse_region("370171").unwrap().in_city("3701"));
        let r = parse_region("350200").unwrap();
        assert!(r.in_city("3502") && r.district.is_none());
        assert_eq!(r.describe().en, "Xiamen (350200)");
    }

    #[test]
    fn codes_elsewhere() {
        let r = parse_region("110101").unwrap();
        assert_eq!(r.city, None);
        assert_eq!(r.province, "北京市");
        assert_eq!(r.describe().zh, "北京市（110101）");
        let r = parse_region("350300").unwrap();
        assert_eq!((r.province, r.city), ("福建省", None));
        assert_eq!(r.describe().en, "Fujian (350300)");
        assert_eq!(parse_region("820000").unwrap().province, "澳门特别行政区");
    }

    #[test]
    fn input_forms() {
        assert_eq!(parse_region(" 350203 ").unwrap().code, "350203");
        assert_eq!(parse_region("３５０２０３").unwrap().code, "350203");
        assert_eq!(parse_region("350 203").unwrap().code, "350203");
        assert_eq!(parse_region("\u{3000}350203\u{3000}").unwrap().code, "350203");
    }

    #[test]
    fn errors() {
        assert_eq!(parse_region(""), Err(RegionError::Empty));
        assert_eq!(parse_region(" \u{3000} "), Err(RegionError::Empty));
        assert_eq!(parse_region("990101"), Err(RegionError::UnknownProvince("990101".into())));
        assert_eq!(parse_region("000000"), Err(RegionError::UnknownProvince("000000".into())));
        assert_eq!(parse_region("35020"), Err(RegionError::Malformed("35020".into())));
        assert_eq!(parse_region("3502030"), Err(RegionError::Malformed("3502030".into())));
        assert_eq!(parse_region("35020a"), Err(RegionError::Malformed("35020a".into())));
        assert_eq!(parse_region("思明区1"), Err(RegionError::Malformed("思明区1".into())));
        assert_eq!(parse_region("朝阳区"), Err(RegionError::UnknownName("朝阳区".into())));
        assert_eq!(parse_region("福建省"), Err(RegionError::UnknownName("福建省".into())));
        assert_eq!(parse_region("厦门市鼓楼区"), Err(RegionError::UnknownName("厦门市鼓楼区".into())));
        assert_eq!(parse_region("浙江省思明区"), Err(RegionError::UnknownName("浙江省思明区".into())));
        assert_eq!(parse_region("区"), Err(RegionError::UnknownName("区".into())));
        let m = RegionError::UnknownProvince("990101".into()).message();
        assert!(m.zh.contains("990101") && m.zh.contains("350203"), "{}", m.zh);
        assert!(m.en.contains("990101") && m.en.contains("6 digits"), "{}", m.en);
        let m = RegionError::UnknownName("朝阳区".into()).message();
        assert!(m.zh.contains("朝阳区") && m.en.contains("350203"));
        for e in [RegionError::Empty, RegionError::Malformed("x".into())] {
            assert!(e.message().zh.contains("350203"));
            assert!(e.message().en.contains("350203"));
        }
    }

    #[test]
    fn names_resolve() {
        let code = |s: &str| parse_region(s).map(|r| r.code);
        assert_eq!(code("思明区"), Ok("350203".into()));
        assert_eq!(code("厦门市思明区"), Ok("350203".into()));
        assert_eq!(code("厦门思明区"), Ok("350203".into()));
        assert_eq!(code("福建省厦门市思明区"), Ok("350203".into()));
        assert_eq!(code("福建厦门思明"), Ok("350203".into()));
        assert_eq!(code("厦门市 思明区"), Ok("350203".into()));
        assert_eq!(code("义乌市"), Ok("330782".into()));
        assert_eq!(code("义乌"), Ok("330782".into()));
        assert_eq!(code("金华市义乌市"), Ok("330782".into()));
        assert_eq!(code("市中区"), Ok("370103".into()));
        assert_eq!(code("济南市市中区"), Ok("370103".into()));
        assert_eq!(code("济南市中区"), Ok("370103".into()));
        assert_eq!(code("山东省济南市市中区"), Ok("370103".into()));
        assert_eq!(code("鼓楼区"), Ok("350102".into()));
        assert_eq!(code("平潭县"), Ok("350128".into()));
        assert_eq!(code("福清市"), Ok("350181".into()));
        assert_eq!(code("厦门市"), Ok("350200".into()));
        assert_eq!(code("厦门"), Ok("350200".into()));
        assert_eq!(code("xiamen"), Ok("350200".into()));
        assert_eq!(code("浙江省金华市"), Ok("330700".into()));
        let r = parse_region("济南").unwrap();
        assert_eq!((r.city.unwrap().en, r.district), ("Jinan", None));
        assert_eq!(r.describe().zh, "济南市（370100）");
    }

    #[test]
    fn no_two_places_share_a_spelling() {
        let mut spellings: Vec<&str> = Vec::new();
        for c in CITIES {
            spellings.extend(forms(c.zh));
            for (_, n) in c.districts {
                spellings.extend(forms(n));
            }
        }
        let total = spellings.len();
        spellings.sort();
        spellings.dedup();
        assert_eq!(spellings.len(), total);
    }

    #[test]
    fn described_in_the_rules_in_use() {
        use crate::rules::DistrictRef;
        let of = |c: &City| CityRef { code: c.code.into(), zh: c.zh.into(), en: c.en.into(), districts: vec![] };
        let seeds: Vec<CityRef> = CITIES.iter().map(of).collect();
        // The seed cities' programmes (no list of their own): every place as `describe` has it.
        let codes = CITIES
            .iter()
            .flat_map(|c| c.districts.iter().map(|(d, _)| d.to_string()).chain([format!("{}00", c.code), format!("{}99", c.code)]));
        for code in codes.chain(["110101", "350300", "350000", "330102"].map(String::from)) {
            let r = parse_region(&code).unwrap();
            assert_eq!(r.describe_in(&seeds), r.describe(), "{code}");
            assert_eq!(r.describe_in([]), r.describe(), "{code}");
        }
        // A pack listing a district of a seed city names it; the built-in names stay for the rest.
        let mut xm = of(&CITIES[1]);
        xm.districts = vec![DistrictRef { code: "350299".into(), zh: "火炬高新区".into() }];
        let d = |s| parse_region(s).unwrap().describe_in([&seeds[0], &xm]);
        assert_eq!(d("350299").zh, "厦门市火炬高新区（350299）");
        assert_eq!(d("350203").zh, "厦门市思明区（350203）");
        assert_eq!(d("350298").en, "Xiamen (350298, district not listed)");
        // Two programmes of one city: the one that lists the district names it.
        let hz = CityRef { code: "3301".into(), zh: "杭州市".into(), en: "Hangzhou".into(), districts: vec![] };
        let hz2 = CityRef { districts: vec![DistrictRef { code: "330102".into(), zh: "上城区".into() }], ..hz.clone() };
        let d = |s| parse_region(s).unwrap().describe_in([&hz, &hz2]);
        assert_eq!(d("330102").zh, "杭州市上城区（330102）");
        assert_eq!(d("330108").zh, "杭州市（330108，未列明区县）");
    }

    #[test]
    fn an_unknown_name_names_the_built_in_cities_in_both_languages() {
        let m = RegionError::UnknownName("朝阳区".into()).message();
        assert_eq!(m.zh, "未能识别地名“朝阳区”：名称只能识别福州、厦门、金华、济南的区县；其他地方请填写 6 位行政区划代码，如 350203");
        assert_eq!(
            m.en,
            "could not recognise the place \"朝阳区\": names are known only for the districts of Fuzhou, Xiamen, Jinhua and Jinan; elsewhere enter the 6-digit division code, e.g. 350203"
        );
    }

    #[test]
    fn names_in_the_rules_in_use() {
        use crate::rules::DistrictRef;
        let district = |code: &str, zh: &str| DistrictRef { code: code.into(), zh: zh.into() };
        let hz = CityRef {
            code: "3301".into(),
            zh: "杭州市".into(),
            en: "Hangzhou".into(),
            districts: vec![district("330102", "上城区"), district("330106", "西湖区")],
        };
        let code = |s: &str, cities: &[&CityRef]| parse_region_in(s, cities.iter().copied()).map(|r| r.code);
        for (s, want) in [
            ("杭州市", "330100"),
            ("杭州", "330100"),
            ("浙江省杭州市", "330100"),
            ("ＨＡＮＧＺＨＯＵ", "330100"),
            ("西湖区", "330106"),
            ("西湖", "330106"),
            ("杭州市 西湖区", "330106"),
            ("浙江省杭州市上城区", "330102"),
            ("杭州上城", "330102"),
        ] {
            assert_eq!(code(s, &[&hz]), Ok(want.to_string()), "{s}");
        }
        // Read as the code is.
        let r = parse_region_in("西湖区", [&hz]).unwrap();
        assert_eq!(r, parse_region("330106").unwrap());
        assert_eq!(r.describe_in([&hz]).zh, "杭州市西湖区（330106）");
        // Not without the rules, nor under another city.
        assert_eq!(code("西湖区", &[]), Err(RegionError::UnknownName("西湖区".into())));
        assert_eq!(code("厦门市西湖区", &[&hz]), Err(RegionError::UnknownName("厦门市西湖区".into())));
        assert_eq!(code("朝阳区", &[&hz]), Err(RegionError::UnknownName("朝阳区".into())));
        // The seed cities as before, with or without the pack.
        for s in ["思明区", "厦门市", "Xiamen", "济南市中区", "义乌", "350203", "990101", "35020", ""] {
            assert_eq!(parse_region_in(s, [&hz]), parse_region(s), "{s}");
        }
        // A name two places share is read only with its city; a pack repeating a seed district is one place.
        let nj =
            CityRef { code: "3201".into(), zh: "南京市".into(), en: "Nanjing".into(), districts: vec![district("320106", "鼓楼区")] };
        assert_eq!(code("鼓楼区", &[&nj]), Err(RegionError::UnknownName("鼓楼区".into())));
        assert_eq!(code("南京市鼓楼区", &[&nj]), Ok("320106".into()));
        assert_eq!(code("福州市鼓楼区", &[&nj]), Ok("350102".into()));
        let xm =
            CityRef { code: "3502".into(), zh: "厦门市".into(), en: "Xiamen".into(), districts: vec![district("350203", "思明区")] };
        assert_eq!(parse_region_in("思明", [&xm]), parse_region("思明"));
        assert_eq!(parse_region_in("厦门", [&xm, &xm]), parse_region("厦门"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["🙂", "３５０２０３🙂", "\u{0}", "35", "3502０3", "ÿÿÿÿÿÿ", "厦门市厦门市", "1"] {
            let _ = parse_region(s);
        }
        assert!(!CITIES[0].contains("35010é"));
        assert!(!CITIES[0].contains("3501"));
    }

    #[test]
    fn serialises() {
        let v = serde_json::to_value(parse_region("350203").unwrap()).unwrap();
        assert_eq!(v["code"], "350203");
        assert_eq!(v["city"]["en"], "Xiamen");
        assert_eq!(v["district"], "思明区");
    }
}
