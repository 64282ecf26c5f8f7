//! Batch pre-screening through the library: the files in `tests/batch/` fed in chunks of many
//! sizes (so characters, quotes and line ends are cut everywhere), the bad rows named by line and
//! column, and every good row compared with the single-profile `check`.
#![cfg(feature = "embedded-rules")]

use shuzhuan_policy::batch::{screen_bytes, screen_text, BatchOptions, Encoding, RowStatus, ScreenedRow, Screener, Summary};
use shuzhuan_policy::eval::Outcome;
use shuzhuan_policy::sme::SmeClass;
use shuzhuan_policy::{check, CheckInput, Date, Lang, RuleBundle, Verdict};
use std::collections::BTreeMap;

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/batch/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn opts(programmes: &[&str], lang: Lang) -> BatchOptions {
    BatchOptions { programmes: programmes.iter().map(|s| s.to_string()).collect(), as_of: Date::new(2025, 6, 30).unwrap(), lang }
}

/// The row's SME answer and every programme's verdict and non-passing criteria equal `check`'s
/// for the profile the row was read into.
fn assert_same_as_check(row: &ScreenedRow, o: &BatchOptions) {
    let input = CheckInput { as_of: Some(o.as_of), profile: row.profile.clone(), notices: vec![] };
    let report = check(&input, RuleBundle::embedded(), o.as_of, o.lang);
    let sme = row.sme.expect("a screened row has an SME answer");
    assert_eq!(
        (sme.class, sme.is_sme, sme.above_designated_size),
        (report.sme.class, report.sme.is_sme, report.sme.above_designated_size),
        "line {}",
        row.line
    );
    assert_eq!(row.programmes.len(), if o.programmes.is_empty() { 4 } else { o.programmes.len() });
    for pv in &row.programmes {
        let p = report.programmes.iter().find(|p| p.id == pv.id).unwrap();
        assert_eq!(pv.verdict, p.verdict, "line {} {}", row.line, pv.id);
        let want: Vec<_> = p
            .criteria
            .iter()
            .filter(|c| c.outcome != Outcome::Pass)
            .map(|c| (c.id.clone(), c.title.clone(), c.outcome, c.reason.clone(), c.to_change.clone()))
            .collect();
        let got: Vec<_> =
            pv.reasons.iter().map(|r| (r.criterion.clone(), r.title.clone(), r.outcome, r.reason.clone(), r.to_change.clone())).collect();
        assert_eq!(got, want, "line {} {}", row.line, pv.id);
    }
}

/// line → headers of the bad fields.
fn bad_rows(rows: &[ScreenedRow]) -> BTreeMap<u64, Vec<String>> {
    rows.iter().filter(|r| r.status == RowStatus::Error).map(|r| (r.line, r.errors.iter().map(|e| e.header.clone()).collect())).collect()
}

fn verdicts(rows: &[ScreenedRow], id: &str) -> BTreeMap<u64, Verdict> {
    rows.iter().filter(|r| r.status == RowStatus::Ok).map(|r| (r.line, r.programmes.iter().find(|p| p.id == id).unwrap().verdict)).collect()
}

fn screen_in_pieces(bytes: &[u8], o: &BatchOptions) -> (Vec<ScreenedRow>, Summary) {
    let (rows, summary) = screen_bytes(bytes, 4096, RuleBundle::embedded(), o).unwrap();
    for chunk in [1, 2, 3, 7, 64] {
        let (again, s2) = screen_bytes(bytes, chunk, RuleBundle::embedded(), o).unwrap();
        assert_eq!(again, rows, "chunk size {chunk} changes the rows");
        assert_eq!((s2.rows, s2.screened, s2.bad_rows), (summary.rows, summary.screened, summary.bad_rows));
    }
    (rows, summary)
}

fn map<const N: usize>(v: [(u64, &[&str]); N]) -> BTreeMap<u64, Vec<String>> {
    v.into_iter().map(|(l, h)| (l, h.iter().map(|s| s.to_string()).collect())).collect()
}

#[test]
fn utf8_file_bad_rows_flagged_and_good_rows_equal_check() {
    let o = opts(&["fuzhou-2024", "xiamen-2024"], Lang::Zh);
    let (rows, s) = screen_in_pieces(&file("applicants-utf8.csv"), &o);
    assert_eq!(s.encoding, Some(Encoding::Utf8));
    assert_eq!(
        bad_rows(&rows),
        map([
            (5, &["从业人员"]),
            (6, &["统一社会信用代码"]),
            (7, &["行业代码"]),
            (14, &["营业收入(万元)"]),
            (15, &["所在区县"]),
            (17, &["columns"]),
        ])
    );
    // Every other non-blank row is screened, none dropped: 19 data lines, one blank, one spanning two lines.
    assert_eq!((s.rows, s.screened, s.bad_rows, s.blank_rows, s.duplicate_rows), (17, 11, 6, 1, 1));
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 15, 16, 17, 18, 19, 20]);
    for r in rows.iter().filter(|r| r.status == RowStatus::Ok) {
        assert_same_as_check(r, &o);
    }
    use Verdict::*;
    assert_eq!(
        verdicts(&rows, "fuzhou-2024"),
        BTreeMap::from([
            (2, Eligible),
            (3, Eligible),
            (4, NotEligible),  // 1500 staff and 5亿: large
            (8, NotEligible),  // Xiamen
            (9, NotEligible),  // not a legal person
            (11, NotEligible), // bad credit
            (13, Unknown),     // staff and answers missing
            (16, Eligible),    // full-width digits, "8,500"
            (18, NotEligible), // 92…: a sole trader
            (19, Unknown),     // 3985: confirm 398 with the office
            (20, Eligible),
        ])
    );
    // Values as read: 8,500 (万元) is 85 million yuan; １２０ is 120; the name keeps its comma and line break.
    let r16 = rows.iter().find(|r| r.line == 16).unwrap();
    assert_eq!(r16.profile.revenue_yuan, Some(85_000_000.into()));
    assert_eq!(r16.profile.employees, Some(120));
    assert_eq!(rows[1].fields[0], "福州鼓楼电子器件, 有限公司");
    assert_eq!(rows[1].fields[9], "备注含\"引号\"");
    assert_eq!(rows[7].fields[0], "福州某\r\n纺织厂");
    assert_eq!((rows[7].line, rows[7].row), (9, 9));
    assert_eq!((rows[8].line, rows[8].row), (11, 10));
    // The duplicate names the first line; the location comes from 长乐区 (350112).
    let dup = rows.iter().find(|r| r.line == 11).unwrap();
    assert_eq!(dup.duplicate_of, Some(2));
    assert!(dup.warnings[0].zh.contains("第 2 行"), "{:?}", dup.warnings);
    assert_eq!(rows[0].profile.region.as_deref(), Some("350112"));
    // Bad-row messages are bilingual and say what was typed.
    let r5 = rows.iter().find(|r| r.line == 5).unwrap();
    assert!(r5.errors[0].message.zh.contains("一百二") && r5.errors[0].message.en.contains("must be a number"), "{:?}", r5.errors);
    assert_eq!(r5.errors[0].column, 4);
    assert!(r5.programmes.is_empty() && r5.sme.is_none());
    let r6 = rows.iter().find(|r| r.line == 6).unwrap();
    assert!(r6.errors[0].message.zh.contains("校验码"), "{:?}", r6.errors);
    // Summary counts by verdict and reason.
    let fz = &s.programmes[0];
    assert_eq!((fz.id.as_str(), fz.eligible, fz.not_eligible, fz.unknown), ("fuzhou-2024", 4, 5, 2));
    let count = |crit: &str, o: Outcome| fz.reasons.iter().find(|r| r.criterion == crit && r.outcome == o).map(|r| r.count);
    assert_eq!(count("sme", Outcome::Fail), Some(1));
    assert_eq!(count("in_city", Outcome::Fail), Some(1));
    assert_eq!(count("legal_person", Outcome::Fail), Some(2));
    assert_eq!(count("credit", Outcome::Fail), Some(1));
    assert_eq!(count("sub_industry", Outcome::Unknown), Some(1));
    let xm = &s.programmes[1];
    assert_eq!((xm.eligible, xm.not_eligible, xm.unknown), (0, 11, 0)); // Fuzhou firms, and 1761 is not a Xiamen sub-industry
    assert_eq!(s.ignored_columns, ["备注"]);
    assert_eq!(s.sme_classes.get(&SmeClass::Large), Some(&1));
}

#[test]
fn gbk_file_reads_the_same_as_utf8() {
    let gbk = file("applicants-gbk.csv");
    assert!(std::str::from_utf8(&gbk).is_err(), "the GBK file must not be valid UTF-8");
    let o = opts(&["fuzhou-2024"], Lang::Zh);
    let (rows, s) = screen_in_pieces(&gbk, &o);
    assert_eq!(s.encoding, Some(Encoding::Gbk));
    assert_eq!(s.decode_replacements, 0);
    let (utf8_rows, _) = screen_in_pieces(&file("applicants-utf8.csv"), &o);
    assert_eq!(rows, utf8_rows);
    // Already-decoded text (the browser's TextDecoder) gives the same rows too.
    let text = String::from_utf8(file("applicants-utf8.csv")).unwrap();
    let (text_rows, ts) = screen_text(&text, RuleBundle::embedded(), &o).unwrap();
    assert_eq!(text_rows, utf8_rows);
    assert_eq!(ts.encoding, Some(Encoding::Text));
}

#[test]
fn bom_file_with_english_headers_and_yuan() {
    let bytes = file("applicants-utf8-bom.csv");
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
    let o = opts(&["fuzhou-2024"], Lang::En);
    let (rows, s) = screen_in_pieces(&bytes, &o);
    assert_eq!(s.encoding, Some(Encoding::Utf8Bom));
    assert_eq!(rows[0].fields[0], "Fuzhou Knit Co."); // the BOM is not part of the first header or value
    assert_eq!(bad_rows(&rows), map([(3, &["Credit"]), (5, &["District"]), (6, &["Revenue (yuan)"])]));
    assert!(rows[2].errors.is_empty());
    let r5 = &rows[3];
    assert!(r5.errors[0].message.en.contains("not in the city"), "{:?}", r5.errors);
    for r in rows.iter().filter(|r| r.status == RowStatus::Ok) {
        assert_same_as_check(r, &o);
    }
    assert_eq!(rows[0].profile.revenue_yuan, Some(85_000_000.into()));
    assert_eq!(rows[0].profile.region.as_deref(), Some("350121"));
    assert_eq!(rows[5].profile.region.as_deref(), Some("350100")); // the city alone
    use Verdict::*;
    assert_eq!(verdicts(&rows, "fuzhou-2024"), BTreeMap::from([(2, Eligible), (4, NotEligible), (7, Eligible)]));
    // English reasons.
    let xiamen = &rows[2].programmes[0].reasons[0];
    assert_eq!(xiamen.criterion, "in_city");
    assert!(xiamen.reason.contains("outside Fuzhou"), "{}", xiamen.reason);
}

#[test]
fn tab_separated_file_with_other_aliases() {
    let o = opts(&["fuzhou-2024"], Lang::Zh);
    let (rows, s) = screen_in_pieces(&file("applicants-tab.tsv"), &o);
    assert_eq!(s.delimiter, Some(shuzhuan_policy::batch::Delimiter::Tab));
    assert_eq!(s.ignored_columns, ["联系人"]);
    assert_eq!(bad_rows(&rows), map([(4, &["信用代码"])]));
    for r in rows.iter().filter(|r| r.status == RowStatus::Ok) {
        assert_same_as_check(r, &o);
    }
    assert_eq!(rows[0].profile.region.as_deref(), Some("350102")); // 福州市 + 鼓楼区
    assert_eq!(rows[0].profile.above_designated_size, Some(true));
    assert_eq!(rows[1].fields[0], "乙汽配, 有限公司");
    assert_eq!(rows[1].profile.region.as_deref(), Some("350181"));
    assert_eq!(rows[3].profile.employees, Some(1200));
    assert_eq!(rows[3].profile.revenue_yuan, Some(500_000_000.into()));
    use Verdict::*;
    assert_eq!(verdicts(&rows, "fuzhou-2024"), BTreeMap::from([(2, Eligible), (3, Eligible), (5, NotEligible), (6, Eligible)]));
}

/// Varied generated rows (every criterion's inputs in many combinations, both languages, all
/// programmes): each equals `check`. Holds the screener's caches to what the evaluator reads.
#[test]
fn generated_rows_equal_check_in_both_languages() {
    let industries = ["1761", "1711", "3973", "3670", "3985", "1821", "6511", "176", "C", "F", "5211", "3821", "3465", "2710", "6621", ""];
    let places = ["350104", "350112", "350203", "330782", "370102", "110101", "350100", "鼓楼区", "义乌市", ""];
    let usccs = ["91350182MA2XK0001T", "92350112MA2XK0007X", "91350203MA2XK0004U", ""];
    let mut text =
        String::from("名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),资产总额(万元),所在区县,独立法人,不良信用记录,规上\n");
    for i in 0..3000usize {
        let k = i.wrapping_mul(2_654_435_761) >> 7;
        let opt = |s: String, n: usize| if k % n == 0 { String::new() } else { s };
        text.push_str(&format!(
            "企业{i},{},{},{},{},{},{},{},{},{}\n",
            usccs[(k / 3) % usccs.len()],
            industries[k % industries.len()],
            opt((k % 1500).to_string(), 7),
            opt(format!("{}", (k / 5) % 90000), 6),
            opt(format!("{}", (k / 11) % 130000), 3),
            places[(k / 13) % places.len()],
            ["是", "否", ""][(k / 17) % 3],
            ["无", "有", ""][(k / 19) % 3],
            ["是", "否", "", ""][(k / 23) % 4],
        ));
    }
    for lang in [Lang::Zh, Lang::En] {
        let o = opts(&[], lang);
        let (rows, s) = screen_text(&text, RuleBundle::embedded(), &o).unwrap();
        if let Some(bad) = rows.iter().find(|r| r.status == RowStatus::Error) {
            panic!("{:?} {:?}", bad.fields, bad.errors);
        }
        assert_eq!((s.rows, s.bad_rows), (3000, 0));
        // A quarter of the rows have no credit code; the rest use three codes, so all but three repeat one.
        assert_eq!(s.duplicate_rows, 2250 - 3);
        for r in &rows {
            assert_same_as_check(r, &o);
        }
        let total: u64 = s.programmes.iter().map(|p| p.eligible + p.not_eligible + p.unknown).sum();
        assert_eq!(total, 4 * 3000);
    }
}

#[test]
fn whole_file_problems_stop_screening() {
    let o = opts(&["fuzhou-2024"], Lang::Zh);
    let err = screen_text("企业名称,营业收入\n甲,100\n", RuleBundle::embedded(), &o).unwrap_err();
    assert_eq!(err.errors[0].field, "header.2");
    let err = screen_text("", RuleBundle::embedded(), &o).unwrap_err();
    assert!(err.errors[0].message.zh.contains("文件为空"));
    let err = Screener::new(RuleBundle::embedded(), &opts(&["fuzhou-providers-2024", "nowhere"], Lang::Zh)).err().unwrap();
    assert_eq!(err.errors.len(), 2);
    assert!(err.errors[0].message.en.contains("service providers"));
    // A title line above the header is skipped and counted; a data-like line is not a title.
    let (rows, s) = screen_text("2024年福州市申报企业汇总表,,,\n企业名称,行业代码\n甲,1761\n", RuleBundle::embedded(), &o).unwrap();
    assert_eq!((s.title_rows, s.rows, rows[0].line), (1, 1, 3));
    let err = screen_text("只有标题\n", RuleBundle::embedded(), &o).unwrap_err();
    assert!(err.errors[0].message.zh.contains("只有标题"), "{err:?}");
    let err = screen_text("甲,乙\n企业名称,行业代码\n", RuleBundle::embedded(), &o).unwrap_err();
    assert!(err.errors[0].message.zh.contains("没有可识别的列（收到：甲 | 乙）"), "{err:?}");
    // An unclosed quote is reported on its row, which takes the rest of the file.
    let (rows, s) = screen_text("名称,行业代码\n甲,1761\n\"乙,1761\n丙,1761\n", RuleBundle::embedded(), &o).unwrap();
    assert_eq!((s.rows, s.bad_rows), (2, 1));
    assert_eq!(rows[1].errors[0].header, "quote");
    assert_eq!(s.unclosed_quote, Some(shuzhuan_policy::batch::Unclosed { line: 3, absorbed_lines: 1 }));
}

/// An unclosed quote takes every later line into its row: the row's problem and the summary (text
/// and JSON) say on which line it opened and how many lines it absorbed, in any chunking.
#[test]
fn an_unclosed_quote_says_how_many_lines_it_absorbed() {
    let mut text = String::from("企业名称,行业代码\r\n甲,1761\r\n\"乙,1761\r\n");
    for i in 0..3000 {
        text.push_str(&format!("丙{i},1761\r\n"));
    }
    for lang in [Lang::Zh, Lang::En] {
        let o = opts(&["fuzhou-2024"], lang);
        let (rows, s) = screen_bytes(text.as_bytes(), 4096, RuleBundle::embedded(), &o).unwrap();
        assert_eq!(screen_bytes(text.as_bytes(), 3, RuleBundle::embedded(), &o).unwrap(), (rows.clone(), s.clone()));
        assert_eq!((s.rows, s.screened, s.bad_rows), (2, 1, 1));
        assert_eq!(s.unclosed_quote, Some(shuzhuan_policy::batch::Unclosed { line: 3, absorbed_lines: 3000 }));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["unclosed_quote"], serde_json::json!({"line": 3, "absorbed_lines": 3000}));
        let (said, message) = match lang {
            Lang::Zh => ("第 3 行的引号未闭合（英文双引号），其后 3,000 行被并入该行", &rows[1].errors[0].message.zh),
            Lang::En => (
                "the double quote opened on line 3 is never closed: the 3,000 lines after it were read into that row",
                &rows[1].errors[0].message.en,
            ),
        };
        assert!(message.contains(said), "{message}");
        assert!(s.to_text(lang).contains(said), "{}", s.to_text(lang));
    }
    // A file without one says nothing of it.
    let (_, s) = screen_text("企业名称,行业代码\n甲,1761\n", RuleBundle::embedded(), &opts(&[], Lang::Zh)).unwrap();
    assert_eq!(s.unclosed_quote, None);
    assert!(!s.to_text(Lang::Zh).contains("引号"));
}

#[test]
fn template_screens_as_eligible_for_fuzhou() {
    for lang in [Lang::Zh, Lang::En] {
        let o = opts(&["fuzhou-2024"], lang);
        let (rows, s) = screen_bytes(shuzhuan_policy::batch::template(lang).as_bytes(), 4096, RuleBundle::embedded(), &o).unwrap();
        assert_eq!((s.rows, s.screened, s.ignored_columns.len()), (1, 1, 0));
        assert_eq!(rows[0].programmes[0].verdict, Verdict::Eligible, "{:?}", rows[0]);
        assert_eq!(rows[0].sme.unwrap().class, SmeClass::Small);
    }
}

#[test]
fn output_csv_has_bom_original_columns_and_verdicts() {
    let o = opts(&["fuzhou-2024"], Lang::Zh);
    let mut s = Screener::new(RuleBundle::embedded(), &o).unwrap();
    s.push_bytes(&file("applicants-utf8.csv")).unwrap();
    s.finish().unwrap();
    let mut out = String::new();
    let mut writer = None;
    while let Some(row) = s.next_row().unwrap() {
        let w = writer.get_or_insert_with(|| {
            let w = s.csv_writer().unwrap();
            out.push_str(&w.header());
            w
        });
        w.write_row(&row, &mut out);
    }
    assert!(out.starts_with("\u{FEFF}企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),资产总额(万元),所在区县,独立法人,近三年不良信用记录,备注,行号,初筛状态,数据问题,提示,企业规模,是否中小企业,规上工业企业（估计）,福州市试点结论（fuzhou-2024）,福州市不符合或待补充的原因（fuzhou-2024）\r\n"));
    assert!(out.contains("\r\n\"福州鼓楼电子器件, 有限公司\",91350102MA2XK00022,3973,80,1500,900,350102,是,无,\"备注含\"\"引号\"\"\",3,已初筛,,,小型企业,是,否,符合,\r\n"), "{out}");
    assert!(out.contains(",5,数据有误，未初筛,\"从业人员：从业人员须为数字"), "{}", out.lines().nth(4).unwrap());
    // A problem of the whole row is its message alone, not the internal key `columns` (issue 16, item 9).
    assert!(out.contains(",17,数据有误，未初筛,本行有 11 个值，表头只有 10 列（多出：“多出一列”）"), "{out}");
    assert!(!out.contains("columns"), "{out}");
    // Read back: one record per data row, 17 of them, each as wide as the header.
    let (back, bs) = screen_text(&out, RuleBundle::embedded(), &o).unwrap();
    assert_eq!(bs.rows, 17);
    assert!(back.iter().all(|r| r.fields.len() == 19));
}

/// A column with a blank header is named by its place (issue 16, item 9): "第 2 列（无列名）".
#[test]
fn a_blank_header_is_named_by_its_place() {
    use shuzhuan_policy::batch::column_name;
    let text = "企业名称,,行业代码,从业人员,营业收入(万元),所在区县\n甲公司,x,1761,120,8500,长乐区\n";
    let (_, s) = screen_text(text, RuleBundle::embedded(), &opts(&["fuzhou-2024"], Lang::Zh)).unwrap();
    assert_eq!(s.ignored_columns, [""]);
    assert!(s.to_text(Lang::Zh).contains("未读取（原样保留）的列：第 2 列（无列名）"), "{}", s.to_text(Lang::Zh));
    assert!(s.to_text(Lang::En).contains("columns kept but not read: column 2 (no name)"), "{}", s.to_text(Lang::En));
    assert_eq!(column_name(2, " ", Lang::Zh).as_deref(), Some("第 2 列（无列名）"));
    assert_eq!(column_name(0, "columns", Lang::En), None);
    assert_eq!(column_name(3, "行业代码", Lang::En).as_deref(), Some("行业代码"));
}

/// Issue 14, item 6: the encoding is named in header errors and the summary, a weak guess says
/// so, and a forced encoding is not sniffed.
#[test]
fn encoding_is_named_weak_guesses_are_said_and_a_forced_encoding_is_kept() {
    use shuzhuan_policy::batch::Decided;
    let o = opts(&["fuzhou-2024"], Lang::Zh);
    // A GBK header with a money column without a unit: refused, naming the encoding.
    let gbk_header = [0xC6, 0xF3, 0xD2, 0xB5, 0xC3, 0xFB, 0xB3, 0xC6, b',', 0xD3, 0xAA, 0xD2, 0xB5, 0xCA, 0xD5, 0xC8, 0xEB, b'\n'];
    let e = screen_bytes(&gbk_header, 5, RuleBundle::embedded(), &o).unwrap_err();
    assert!(!e.errors.is_empty());
    for err in &e.errors {
        assert!(err.message.zh.contains("文件编码：GBK（推测") && err.message.en.contains("encoding: GBK (guessed"), "{err:?}");
    }
    // 伟业印刷 in GBK, which is also UTF-8: read as UTF-8, but the guess is weak.
    let mut list = b"name,industry,employees,revenue (yuan),district\n".to_vec();
    list.extend_from_slice(&[0xCE, 0xB0, 0xD2, 0xB5, 0xD3, 0xA1, 0xCB, 0xA2]);
    list.extend_from_slice(b",2311,50,3000000,350112\n");
    let (rows, s) = screen_bytes(&list, 7, RuleBundle::embedded(), &o).unwrap();
    assert_eq!((s.encoding, s.encoding_decided, s.encoding_weak), (Some(Encoding::Utf8), Some(Decided::Guessed), true));
    assert!(s.encoding_warning.as_ref().is_some_and(|w| w.en.contains("--encoding")));
    assert!(s.to_text(Lang::En).contains("encoding: UTF-8 (guessed, uncertain)"), "{}", s.to_text(Lang::En));
    assert_eq!(rows[0].fields[0], "ΰҵӡˢ");
    // Forced GBK reads the names right.
    let mut sc = Screener::new(RuleBundle::embedded(), &o).unwrap();
    sc.set_encoding(Some(Encoding::Gbk)).unwrap();
    sc.push_bytes(&list).unwrap();
    sc.finish().unwrap();
    let row = sc.next_row().unwrap().unwrap();
    assert_eq!(row.fields[0], "伟业印刷");
    let s = sc.summary();
    assert_eq!((s.encoding, s.encoding_decided, s.encoding_weak), (Some(Encoding::Gbk), Some(Decided::Forced), false));
    assert!(s.to_text(Lang::Zh).contains("文件编码：GBK（按指定）"), "{}", s.to_text(Lang::Zh));
    // A UTF-8 list with one Latin-1 byte: UTF-8, the row warned, the summary naming its line.
    let mut latin = "企业名称,行业代码,从业人员,营业收入(万元),所在区县\n福州某针织有限公司,1761,120,8500,长乐区\n".as_bytes().to_vec();
    latin.extend_from_slice(b"Caf\xE9 Ltd,1761,120,8500,350112\n");
    let (rows, s) = screen_bytes(&latin, 3, RuleBundle::embedded(), &o).unwrap();
    assert_eq!((s.encoding, s.encoding_weak, s.decode_replacements, s.decode_replacement_line), (Some(Encoding::Utf8), true, 1, Some(3)));
    assert_eq!(rows[0].fields[0], "福州某针织有限公司");
    assert!(rows[1].warnings.iter().any(|w| w.zh.contains("无法解码")));
    assert!(s.to_text(Lang::Zh).contains("首见于第 3 行"));
}

/// Text decoded by the caller (the reviewers' page): the encoding it names is in the summary and
/// in header errors; without one, header errors say nothing of an encoding the core never saw.
/// A screener that holds its bundle (the npm package's `Batch` holds an `Rc` of the pack, which
/// a later `loadRules` replaces for other calls) screens as one that borrows it, after every
/// other handle to the bundle is gone.
#[test]
fn a_screener_holding_its_bundle_screens_as_a_borrowing_one() {
    let o = opts(&["fuzhou-2024", "xiamen-2024"], Lang::En);
    let bytes = file("applicants-utf8.csv");
    let (rows, summary) = screen_bytes(&bytes, 4096, RuleBundle::embedded(), &o).unwrap();
    let mut s = {
        let shared = std::rc::Rc::new(RuleBundle::embedded().clone());
        let s = Screener::new(std::rc::Rc::clone(&shared), &o).unwrap();
        drop(shared);
        s
    };
    assert_eq!(s.programmes().iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["fuzhou-2024", "xiamen-2024"]);
    let mut again = Vec::new();
    s.push_bytes(&bytes).unwrap();
    s.finish().unwrap();
    while let Some(r) = s.next_row().unwrap() {
        again.push(r);
    }
    assert_eq!(again, rows);
    assert_eq!(serde_json::to_value(s.summary()).unwrap(), serde_json::to_value(summary).unwrap());
    // The same refusals.
    let bad = opts(&["fuzhou-providers-2024", "nowhere"], Lang::Zh);
    let held = Screener::new(std::rc::Rc::new(RuleBundle::embedded().clone()), &bad).err().unwrap();
    assert_eq!(held, Screener::new(RuleBundle::embedded(), &bad).err().unwrap());
}

#[test]
fn text_decoded_by_the_caller_names_the_encoding_it_was_told() {
    use shuzhuan_policy::batch::{sniff_detection, Decided, Detection};
    let o = opts(&["fuzhou-2024"], Lang::En);
    let mut s = Screener::new(RuleBundle::embedded(), &o).unwrap();
    s.push_text("企业名称,").unwrap();
    s.note_text_encoding(Detection { encoding: Encoding::Gbk, decided: Decided::Forced, weak: false }).unwrap();
    s.push_text("营业收入\n").unwrap();
    s.finish().unwrap();
    let e = s.next_row().unwrap_err();
    assert!(e.errors.iter().all(|e| e.message.en.contains("encoding: GBK (as chosen)")), "{e:?}");
    let (_, summary) = screen_text("name,industry\nA,1761\n", RuleBundle::embedded(), &o).unwrap();
    assert_eq!((summary.encoding, summary.encoding_decided), (Some(Encoding::Text), None));
    let mut s = Screener::new(RuleBundle::embedded(), &o).unwrap();
    s.push_text("企业名称,营业收入\n").unwrap();
    s.finish().unwrap();
    assert!(s.next_row().unwrap_err().errors.iter().all(|e| !e.message.en.contains("encoding")));
    let d = sniff_detection(&[0xCE, 0xB0, 0xD2, 0xB5, 0xD3, 0xA1, 0xCB, 0xA2], true).unwrap();
    assert_eq!((d.encoding, d.decided, d.weak), (Encoding::Utf8, Decided::Guessed, true));
}

/// A row longer than 1 MiB (csv::MAX_RECORD_BYTES; in practice a stray quote that closes much
/// later) is not read: it is a bad row whose problem names its line, and the rows after it are
/// screened on their own lines. A header that long stops the file: there are no columns to read by.
#[test]
fn a_row_over_the_size_cap_is_a_bad_row_and_screening_goes_on() {
    let o = opts(&["fuzhou-2024"], Lang::En);
    let long = "乙".repeat(400_000);
    let text = format!("企业名称,行业代码\n甲,1761\n\"{long}\n{long}\",1761\n丙,1761\n");
    let (rows, s) = screen_bytes(text.as_bytes(), 64 * 1024, RuleBundle::embedded(), &o).unwrap();
    assert_eq!((s.rows, s.screened, s.bad_rows, s.unclosed_quote), (3, 2, 1, None));
    assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 5]);
    assert_eq!(rows[1].status, RowStatus::Error);
    assert_eq!(rows[1].errors[0].header, "row");
    let m = &rows[1].errors[0].message;
    assert!(m.en.starts_with("the row starting on line 3 is longer than 1 MB (it spans 2 lines)"), "{}", m.en);
    assert!(m.zh.starts_with("第 3 行起的这一行超过 1 MB（跨 2 行）"), "{}", m.zh);
    let err = screen_text(&format!("\"{long}{long}\n企业名称,行业代码\n"), RuleBundle::embedded(), &o).unwrap_err();
    assert!(err.errors[0].message.en.contains("line 1 is longer than 1 MB"), "{err:?}");
}
