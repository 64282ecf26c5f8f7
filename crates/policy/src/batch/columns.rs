//! The header row of a batch file: which column holds what, by the names Chinese offices and
//! English templates use (企业名称 / name, 统一社会信用代码 / uscc …), and the unit of the money
//! columns as the header states it (`营业收入(万元)`, `营业收入（元）`, `revenue_yuan`).

use crate::amount::halfwidth;
use crate::t;
use crate::text::{Lang, Text};
use serde::Serialize;

/// What a column holds (列的含义).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// 企业名称 — passed through, used in messages.
    Name,
    /// 统一社会信用代码.
    Uscc,
    /// 行业代码 (GB/T 4754-2017).
    Industry,
    /// 从业人员.
    Employees,
    /// 营业收入, in the header's unit.
    Revenue,
    /// 资产总额, in the header's unit.
    TotalAssets,
    /// 所在区县: a 6-digit code or a district name.
    District,
    /// 所在城市: a pilot city's name or code (with 所在区县, names the district).
    City,
    /// 近三年不良信用记录 (有/无).
    BadCredit,
    /// 独立法人 (是/否).
    LegalPerson,
    /// 规上工业企业 (是/否), when the enterprise knows it.
    AboveDesignatedSize,
}

/// The money unit a header states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyUnit {
    /// 元.
    Yuan,
    /// 万元.
    Wan,
}

impl ColumnKind {
    /// Every kind, in the order of the template.
    pub const ALL: [ColumnKind; 11] = [
        ColumnKind::Name,
        ColumnKind::Uscc,
        ColumnKind::Industry,
        ColumnKind::Employees,
        ColumnKind::Revenue,
        ColumnKind::TotalAssets,
        ColumnKind::City,
        ColumnKind::District,
        ColumnKind::LegalPerson,
        ColumnKind::BadCredit,
        ColumnKind::AboveDesignatedSize,
    ];

    /// The `profile` field of the JSON contract it fills (`None` for the name).
    pub fn profile_field(self) -> Option<&'static str> {
        Some(match self {
            ColumnKind::Name => return None,
            ColumnKind::Uscc => "profile.uscc",
            ColumnKind::Industry => "profile.industry",
            ColumnKind::Employees => "profile.employees",
            ColumnKind::Revenue => "profile.revenue_yuan",
            ColumnKind::TotalAssets => "profile.total_assets_yuan",
            ColumnKind::District | ColumnKind::City => "profile.region",
            ColumnKind::BadCredit => "profile.bad_credit_last_3_years",
            ColumnKind::LegalPerson => "profile.independent_legal_person",
            ColumnKind::AboveDesignatedSize => "profile.above_designated_size",
        })
    }

    /// A short name in both languages.
    pub fn label(self) -> Text {
        let (zh, en) = match self {
            ColumnKind::Name => ("企业名称", "name"),
            ColumnKind::Uscc => ("统一社会信用代码", "credit code (USCC)"),
            ColumnKind::Industry => ("行业代码", "industry code"),
            ColumnKind::Employees => ("从业人员", "staff count"),
            ColumnKind::Revenue => ("营业收入", "revenue"),
            ColumnKind::TotalAssets => ("资产总额", "total assets"),
            ColumnKind::District => ("所在区县", "district"),
            ColumnKind::City => ("所在城市", "city"),
            ColumnKind::BadCredit => ("近三年不良信用记录", "bad credit record in the last 3 years"),
            ColumnKind::LegalPerson => ("独立法人", "independent legal person"),
            ColumnKind::AboveDesignatedSize => ("规上工业企业", "above designated size"),
        };
        Text::new(zh, en)
    }

    fn is_money(self) -> bool {
        matches!(self, ColumnKind::Revenue | ColumnKind::TotalAssets)
    }

    /// Header names accepted, normalised by [`normalise`] (no spaces, `_`, `-`; ASCII lower case;
    /// full-width forms folded).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            ColumnKind::Name => &[
                "企业名称",
                "名称",
                "单位名称",
                "企业",
                "公司名称",
                "申报单位",
                "申报企业",
                "申报单位名称",
                "企业全称",
                "name",
                "companyname",
                "enterprisename",
                "company",
                "enterprise",
            ],
            ColumnKind::Uscc => &[
                "统一社会信用代码",
                "信用代码",
                "社会信用代码",
                "统一代码",
                "uscc",
                "creditcode",
                "unifiedsocialcreditcode",
                "socialcreditcode",
            ],
            ColumnKind::Industry => &[
                "行业代码",
                "国民经济行业代码",
                "国民经济行业分类代码",
                "国民经济行业分类",
                "所属行业代码",
                "行业分类代码",
                "所属行业",
                "行业",
                "industry",
                "industrycode",
                "gbt4754",
                "gbt47542017",
            ],
            ColumnKind::Employees => &[
                "从业人员",
                "从业人数",
                "从业人员数",
                "从业人员数量",
                "员工人数",
                "职工人数",
                "年末从业人员",
                "employees",
                "staff",
                "headcount",
                "employeecount",
            ],
            ColumnKind::Revenue => &["营业收入", "年营业收入", "上年营业收入", "营业收入额", "revenue", "turnover", "operatingrevenue"],
            ColumnKind::TotalAssets => &["资产总额", "总资产", "资产总计", "totalassets", "assets"],
            ColumnKind::District => &[
                "所在区县",
                "区县",
                "所在区县代码",
                "区县代码",
                "所属区县",
                "行政区划代码",
                "所在地",
                "所在地区",
                "district",
                "districtcode",
                "region",
                "regioncode",
                "county",
            ],
            ColumnKind::City => &["所在城市", "城市", "所在市", "所在地市", "地市", "所属城市", "city"],
            ColumnKind::BadCredit => &[
                "近三年不良信用记录",
                "近三年有无不良信用记录",
                "近三年是否有不良信用记录",
                "不良信用记录",
                "有无不良信用记录",
                "是否有不良信用记录",
                "失信记录",
                "credit",
                "badcredit",
                "badcreditrecord",
                "badcreditlast3years",
            ],
            ColumnKind::LegalPerson => &[
                "法人",
                "独立法人",
                "是否独立法人",
                "独立法人资格",
                "具有独立法人资格",
                "是否具有独立法人资格",
                "是否法人",
                "legalperson",
                "independentlegalperson",
            ],
            ColumnKind::AboveDesignatedSize => &[
                "规上",
                "是否规上",
                "规上企业",
                "规上工业企业",
                "是否规上工业企业",
                "规模以上工业企业",
                "是否规模以上工业企业",
                "abovedesignatedsize",
                "abovedesignated",
            ],
        }
    }
}

/// One column of the header as understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    /// 1-based position.
    pub index: usize,
    /// The header as written.
    pub header: String,
    /// What it holds; `None` for a column kept and passed through but not read (ignored).
    pub kind: Option<ColumnKind>,
    /// The unit of a money column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
}

/// Folds a header for matching: full-width forms to half-width, no whitespace, `_`, `-`, `.`,
/// `*` (a "required" marker) or byte-order mark, ASCII lower case, a trailing colon dropped.
pub fn normalise(header: &str) -> String {
    let s: String = header
        .chars()
        .map(halfwidth)
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '*' | '\u{FEFF}'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    s.trim_end_matches([':', '：']).to_string()
}

fn unit_word(s: &str) -> Option<MoneyUnit> {
    match s {
        "万元" | "万" | "万元人民币" | "人民币万元" | "10kyuan" | "10k" | "wan" | "10,000yuan" | "10000yuan" | "tenthousandyuan" => {
            Some(MoneyUnit::Wan)
        }
        "元" | "人民币元" | "元人民币" | "yuan" | "cny" | "rmb" => Some(MoneyUnit::Yuan),
        _ => None,
    }
}

/// Splits a normalised header into its name and the words in a trailing bracket or after a
/// unit suffix: `营业收入(万元)` → (`营业收入`, Some(`万元`)); `revenueyuan` → (`revenue`, Some(`yuan`)).
fn split_unit(n: &str) -> (String, Option<String>) {
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】'), ('〔', '〕')] {
        if let Some(body) = n.strip_suffix(close) {
            if let Some(i) = body.rfind(open) {
                return (body[..i].to_string(), Some(body[i + open.len_utf8()..].to_string()));
            }
        }
    }
    for suffix in ["万元", "元", "yuan", "wan", "10k"] {
        if let Some(base) = n.strip_suffix(suffix) {
            if !base.is_empty() && ColumnKind::Revenue.aliases().iter().chain(ColumnKind::TotalAssets.aliases()).any(|a| *a == base) {
                return (base.to_string(), Some(suffix.to_string()));
            }
        }
    }
    (n.to_string(), None)
}

/// A header as a message quotes it: control and invisible characters as `[U+XXXX]`, cut after 40
/// characters, as values are ([`crate::text::shown`]). The file's header cells come from outside
/// the office; one holding an escape sequence must not clear the reviewer's screen.
pub(crate) fn shown_header(header: &str) -> String {
    crate::text::shown(header, 40)
}

/// A column as a reviewer reads it: its header as written (shortened), or "第 N 列（无列名）" /
/// "column N (no name)" when the header is blank; `None` for column 0, a problem of the whole
/// row (too many values, an unclosed quote), whose message says so itself.
pub fn column_name(column: usize, header: &str, lang: Lang) -> Option<String> {
    if column == 0 {
        None
    } else if header.trim().is_empty() {
        Some(match lang {
            Lang::Zh => format!("第 {column} 列（无列名）"),
            Lang::En => format!("column {column} (no name)"),
        })
    } else {
        Some(shown_header(header))
    }
}

/// Reads the header row. Returns the columns and the problems that stop screening: a money
/// column without a unit, two columns for the same thing, no column the screener can use.
pub fn read_header(fields: &[String]) -> (Vec<Column>, Vec<crate::FieldError>) {
    let mut columns = Vec::with_capacity(fields.len());
    let mut problems = Vec::new();
    for (i, raw) in fields.iter().enumerate() {
        let header = raw.trim().trim_start_matches('\u{FEFF}').to_string();
        let (base, bracket) = split_unit(&normalise(&header));
        // A bracket that is not a unit qualifies the name: `从业人员(人)`, `employees (persons)`.
        let kind = ColumnKind::ALL.into_iter().find(|k| k.aliases().contains(&base.as_str()));
        let mut unit = None;
        if let Some(k) = kind {
            if k.is_money() {
                unit = bracket.as_deref().and_then(unit_word);
                if unit.is_none() {
                    let shown = shown_header(&header);
                    let label = k.label();
                    problems.push(crate::FieldError::new(
                        format!("header.{}", i + 1),
                        match bracket.as_deref().map(shown_header) {
                            Some(b) => t!(
                                "第 {} 列表头“{shown}”的单位“{b}”无法识别：请写成“{}(万元)”或“{}(元)”",
                                "column {} header \"{shown}\": unit \"{b}\" not recognised; write \"{}(万元)\" or \"{}(元)\"",
                                i + 1,
                                label.zh,
                                label.zh
                            ),
                            None => t!(
                                "第 {} 列表头“{shown}”未注明金额单位：请写成“{}(万元)”或“{}(元)”，以免按错单位划型",
                                "column {} header \"{shown}\" does not state the unit: write \"{}(万元)\" (10k yuan) or \"{}(元)\" (yuan), so amounts are not read in the wrong unit",
                                i + 1,
                                label.zh,
                                label.zh
                            ),
                        },
                    ));
                }
            }
        }
        columns.push(Column { index: i + 1, header, kind, unit });
    }
    for k in ColumnKind::ALL {
        let same: Vec<&Column> = columns.iter().filter(|c| c.kind == Some(k)).collect();
        if same.len() > 1 {
            let list = same.iter().map(|c| format!("{}（{}）", c.index, shown_header(&c.header))).collect::<Vec<_>>().join("、");
            let list_en = same.iter().map(|c| format!("{} ({})", c.index, shown_header(&c.header))).collect::<Vec<_>>().join(", ");
            let l = k.label();
            problems.push(crate::FieldError::new(
                "header",
                Text::new(
                    format!("有多列都表示“{}”：第 {list} 列；请只保留一列", l.zh),
                    format!("several columns mean \"{}\": {list_en}; keep only one", l.en),
                ),
            ));
        }
    }
    if problems.is_empty() && !columns.iter().any(|c| c.kind.is_some_and(|k| k != ColumnKind::Name)) {
        let shown = crate::text::shown(&fields.iter().take(6).map(|f| f.trim()).collect::<Vec<_>>().join(" | "), 80);
        problems.push(crate::FieldError::new(
            "header",
            t!(
                "表头中没有可识别的列（收到：{shown}）。第一行应为表头，如“企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元)…”；可下载模板对照",
                "no column of the header is recognised (got: {shown}). The first line must be the header, e.g. \"name,uscc,industry,employees,revenue (万元)…\"; compare with the template"
            ),
        ));
    }
    (columns, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(h: &[&str]) -> Vec<(Option<ColumnKind>, Option<MoneyUnit>)> {
        let (cols, problems) = read_header(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert!(problems.is_empty(), "{problems:?}");
        cols.into_iter().map(|c| (c.kind, c.unit)).collect()
    }

    #[test]
    fn chinese_and_english_aliases_with_units() {
        use ColumnKind::*;
        assert_eq!(
            kinds(&[
                "\u{FEFF}企业名称",
                "统一社会信用代码",
                "国民经济行业代码",
                "从业人数",
                "营业收入（万元）",
                "资产总额(元)",
                "所在区县",
                "备注"
            ]),
            vec![
                (Some(Name), None),
                (Some(Uscc), None),
                (Some(Industry), None),
                (Some(Employees), None),
                (Some(Revenue), Some(MoneyUnit::Wan)),
                (Some(TotalAssets), Some(MoneyUnit::Yuan)),
                (Some(District), None),
                (None, None),
            ]
        );
        assert_eq!(
            kinds(&["Name", "USCC", "industry_code", "Employees (persons)", "revenue_yuan", "Total Assets (10k yuan)", "City", "credit"]),
            vec![
                (Some(Name), None),
                (Some(Uscc), None),
                (Some(Industry), None),
                (Some(Employees), None),
                (Some(Revenue), Some(MoneyUnit::Yuan)),
                (Some(TotalAssets), Some(MoneyUnit::Wan)),
                (Some(City), None),
                (Some(BadCredit), None),
            ]
        );
        assert_eq!(kinds(&["＊营业收入万元"]), vec![(Some(Revenue), Some(MoneyUnit::Wan))]);
    }

    /// Header cells are quoted in messages as values are: control and invisible characters as
    /// `[U+XXXX]`, a long one cut after 40 characters.
    #[test]
    fn header_names_are_shown_in_messages() {
        let h = |v: &[&str]| read_header(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>()).1;
        let cases = [
            (vec!["名称", "营业收入\u{1b}[2J"], "营业收入[U+001B][2J"),
            (vec!["名称", "营业收入(\u{1b}[2J)"], "营业收入([U+001B][2J)"),
            (vec!["\u{1b}[2J", "\u{202E}x"], "[U+001B][2J | [U+202E]x"),
            // U+0085 (next line) is white space, so this header still reads as 行业代码: two of them.
            (vec!["名称", "行业\u{85}代码", "行业代码"], "2（行业[U+0085]代码）、3（行业代码）"),
        ];
        for (header, said) in cases {
            let p = h(&header.iter().map(|s| &**s).collect::<Vec<_>>());
            let all: String = p.iter().map(|e| format!("{} {}", e.message.zh, e.message.en)).collect();
            assert!(all.contains(said), "{header:?}: {all}");
            assert!(!all.chars().any(|c| c.is_control() || c == '\u{202E}'), "{all:?}");
        }
        let p = h(&["名称", &format!("营业收入{}(美元)", " ".repeat(50))]);
        assert!(p[0].message.zh.contains(&format!("表头“营业收入{}…”的单位", " ".repeat(36))), "{p:?}");
    }

    #[test]
    fn header_problems() {
        let h = |v: &[&str]| read_header(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>()).1;
        let p = h(&["名称", "营业收入"]);
        assert_eq!(p.len(), 1);
        assert!(p[0].message.zh.contains("营业收入(万元)"), "{p:?}");
        assert_eq!(p[0].field, "header.2");
        assert!(h(&["营业收入(美元)"])[0].message.en.contains("美元"));
        assert!(h(&["区县", "所在区县"])[0].message.zh.contains("所在区县"));
        assert!(h(&["foo", "bar"])[0].message.zh.contains("没有可识别的列"));
        assert!(h(&["名称"])[0].message.zh.contains("没有可识别的列"));
    }
}
