//! The batch's output file and template: CSV in UTF-8 with a byte-order mark (so Excel opens it
//! as UTF-8), CRLF line ends, fields quoted when they hold a separator, quote or line break.

use super::{Column, RowStatus, ScreenedRow, Summary};
use crate::eval::{Outcome, Verdict};
use crate::rules::Programme;
use crate::sme::Tri;
use crate::text::{Lang, Text};

/// The UTF-8 byte-order mark that makes Excel read a CSV file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// Writes screened rows as CSV: the original columns, then the screening's columns.
#[derive(Clone, Debug)]
pub struct CsvWriter {
    lang: Lang,
    headers: Vec<String>,
    programmes: Vec<(String, Text)>,
}

/// Whether a cell would be run as a formula by a spreadsheet (OWASP, "CSV Injection"): it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a number as a whole (`-5`,
/// `+3.2`, `-1.5e3` are numbers and stay as they are). Such a cell is written with a leading
/// apostrophe, inside quotes: applicant lists come from outside the office.
pub fn formula_risk(s: &str) -> bool {
    matches!(s.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')) && !is_number(s)
}

/// A plain decimal number as a spreadsheet reads one: an optional sign, digits with an optional
/// point (or a point and digits), an optional exponent. Nothing else: no spaces, separators or units.
fn is_number(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let digits = |b: &[u8], from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int_end = digits(b, 0);
    let (mut i, mut any) = (int_end, int_end > 0);
    if b.get(i) == Some(&b'.') {
        let frac_end = digits(b, i + 1);
        any |= frac_end > i + 1;
        i = frac_end;
    }
    if any && matches!(b.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let exp_end = digits(b, i + 1 + sign);
        if exp_end == i + 1 + sign {
            return false;
        }
        i = exp_end;
    }
    any && i == b.len()
}

fn push_field(out: &mut String, s: &str) {
    let risky = formula_risk(s);
    let needs_quotes = risky || s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r' | b'\t'));
    if !needs_quotes {
        out.push_str(s);
        return;
    }
    out.push('"');
    if risky {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

fn push_line(out: &mut String, fields: impl IntoIterator<Item = impl AsRef<str>>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, f.as_ref());
    }
    out.push_str("\r\n");
}

fn tri(t: Tri) -> Text {
    match t {
        Tri::Yes => Text::new("是", "yes"),
        Tri::No => Text::new("否", "no"),
        Tri::Unknown => Text::new("待定", "unknown"),
    }
}

impl CsvWriter {
    /// A writer for these input columns and programmes.
    pub fn new(columns: &[Column], programmes: &[&Programme], lang: Lang) -> CsvWriter {
        CsvWriter {
            lang,
            headers: columns.iter().map(|c| c.header.clone()).collect(),
            programmes: programmes.iter().map(|p| (p.id.clone(), Text::new(p.city.zh.clone(), p.city.en.clone()))).collect(),
        }
    }

    /// The columns added after the original ones.
    pub fn added_headers(&self) -> Vec<String> {
        let l = self.lang;
        let mut h: Vec<String> = [
            Text::new("行号", "line"),
            Text::new("初筛状态", "status"),
            Text::new("数据问题", "input problems"),
            Text::new("提示", "warnings"),
            Text::new("企业规模", "SME class"),
            Text::new("是否中小企业", "SME"),
            Text::new("规上工业企业（估计）", "above designated size (estimate)"),
        ]
        .iter()
        .map(|t| t.get(l).to_string())
        .collect();
        for (id, city) in &self.programmes {
            match l {
                Lang::Zh => {
                    h.push(format!("{}试点结论（{id}）", city.zh));
                    h.push(format!("{}不符合或待补充的原因（{id}）", city.zh));
                }
                Lang::En => {
                    h.push(format!("{} verdict ({id})", city.en));
                    h.push(format!("{} reasons ({id})", city.en));
                }
            }
        }
        h
    }

    /// The first line of the file, starting with the byte-order mark.
    pub fn header(&self) -> String {
        let mut out = String::from(BOM);
        push_line(&mut out, self.headers.iter().cloned().chain(self.added_headers()));
        out
    }

    /// Appends one row (original values, padded to the header's width, then the screening).
    pub fn write_row(&self, row: &ScreenedRow, out: &mut String) {
        let l = self.lang;
        let sep = match l {
            Lang::Zh => "；",
            Lang::En => "; ",
        };
        for i in 0..self.headers.len() {
            if i > 0 {
                out.push(',');
            }
            push_field(out, row.fields.get(i).map(String::as_str).unwrap_or(""));
        }
        let mut cell = |s: &str| {
            out.push(',');
            push_field(out, s);
        };
        cell(&row.line.to_string());
        cell(
            match row.status {
                RowStatus::Ok => Text::new("已初筛", "screened"),
                RowStatus::Error => Text::new("数据有误，未初筛", "input error, not screened"),
            }
            .get(l),
        );
        // A problem of the whole row (column 0) is its message alone: no internal key before it.
        cell(
            &row.errors
                .iter()
                .map(|e| match super::column_name(e.column, &e.header, l) {
                    Some(c) => format!("{c}：{}", e.message.get(l)),
                    None => e.message.get(l).to_string(),
                })
                .collect::<Vec<_>>()
                .join(sep),
        );
        cell(&row.warnings.iter().map(|w| w.get(l)).collect::<Vec<_>>().join(sep));
        match row.sme {
            Some(s) => {
                cell(s.class.name().get(l));
                cell(tri(s.is_sme).get(l));
                cell(tri(s.above_designated_size).get(l));
            }
            None => (0..3).for_each(|_| cell("")),
        }
        for (id, _) in &self.programmes {
            match row.programmes.iter().find(|p| &p.id == id) {
                Some(p) => {
                    cell(verdict_word(p.verdict).get(l));
                    let mut reasons = String::new();
                    for (i, r) in p.reasons.iter().enumerate() {
                        if i > 0 {
                            reasons.push_str(sep);
                        }
                        reasons.push_str(if r.outcome == Outcome::Fail { "✗ " } else { "? " });
                        reasons.push_str(&r.title);
                        reasons.push_str(if l == Lang::Zh { "：" } else { ": " });
                        reasons.push_str(&r.reason);
                    }
                    cell(&reasons);
                }
                None => (0..2).for_each(|_| cell("")),
            }
        }
        out.push_str("\r\n");
    }
}

fn verdict_word(v: Verdict) -> Text {
    match v {
        Verdict::Eligible => Text::new("符合", "eligible"),
        Verdict::NotEligible => Text::new("不符合", "not eligible"),
        Verdict::Unknown => Text::new("待补充信息", "more information needed"),
    }
}

/// The template to download: the header row and one example row (a Fuzhou knitting firm that
/// is eligible under 榕工信行规〔2024〕17号 while it is in force), UTF-8 with a byte-order mark.
///
/// ```
/// let t = shuzhuan_policy::batch::template(shuzhuan_policy::Lang::Zh);
/// assert!(t.starts_with("\u{FEFF}企业名称,统一社会信用代码,行业代码"));
/// assert_eq!(t.lines().count(), 2);
/// ```
pub fn template(lang: Lang) -> String {
    let (header, example): (&[&str], &[&str]) = match lang {
        Lang::Zh => (
            &[
                "企业名称",
                "统一社会信用代码",
                "行业代码",
                "从业人员",
                "营业收入(万元)",
                "资产总额(万元)",
                "所在城市",
                "所在区县",
                "独立法人",
                "近三年不良信用记录",
                "规上工业企业",
            ],
            &["福州某针织有限公司（示例）", "91350100M000100Y43", "1761", "120", "8500", "6000", "福州市", "长乐区", "是", "无", ""],
        ),
        Lang::En => (
            &[
                "name",
                "uscc",
                "industry",
                "employees",
                "revenue (10k yuan)",
                "total_assets (10k yuan)",
                "city",
                "district",
                "independent_legal_person",
                "bad_credit_last_3_years",
                "above_designated_size",
            ],
            &[
                "Fuzhou Example Knitting Co. (sample)",
                "91350100M000100Y43",
                "1761",
                "120",
                "8500",
                "6000",
                "Fuzhou",
                "350112",
                "yes",
                "no",
                "",
            ],
        ),
    };
    let mut out = String::from(BOM);
    push_line(&mut out, header);
    push_line(&mut out, example);
    out
}

impl Summary {
    /// The summary as lines of text (for a terminal or a status line).
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let zh = lang == Lang::Zh;
        let enc = match (self.encoding, self.encoding_decided) {
            (Some(encoding), Some(decided)) => {
                super::Detection { encoding, decided, weak: self.encoding_weak }.text().get(lang).to_string()
            }
            (e, _) => {
                let name = e.map(|e| e.name()).unwrap_or("UTF-8");
                if zh {
                    format!("文件编码：{name}")
                } else {
                    format!("encoding: {name}")
                }
            }
        };
        let delim = match self.delimiter {
            Some(super::Delimiter::Tab) => {
                if zh {
                    "制表符"
                } else {
                    "tab"
                }
            }
            _ => {
                if zh {
                    "逗号"
                } else {
                    "comma"
                }
            }
        };
        if zh {
            out.push_str(&format!(
                "评估日期 {}；{enc}，分隔符 {delim}\n共 {} 行：已初筛 {}，数据有误 {}，空行跳过 {}，重复信用代码 {}\n",
                self.as_of, self.rows, self.screened, self.bad_rows, self.blank_rows, self.duplicate_rows
            ));
        } else {
            out.push_str(&format!(
                "as of {}; {enc}, separator {delim}\n{} rows: {} screened, {} with input errors, {} blank skipped, {} duplicate credit codes\n",
                self.as_of, self.rows, self.screened, self.bad_rows, self.blank_rows, self.duplicate_rows
            ));
        }
        if let Some(w) = &self.encoding_warning {
            out.push_str(w.get(lang));
            out.push('\n');
        }
        if let Some(u) = &self.unclosed_quote {
            out.push_str(u.message().get(lang));
            out.push('\n');
        }
        if self.title_rows > 0 {
            let n = self.title_rows;
            out.push_str(&if zh {
                format!("表头前的 {n} 行标题已跳过\n")
            } else {
                format!("{n} title line(s) above the header skipped\n")
            });
        }
        if !self.ignored_columns.is_empty() {
            let list = self
                .columns
                .iter()
                .filter(|c| c.kind.is_none())
                .filter_map(|c| super::column_name(c.index, &c.header, lang))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&if zh {
                format!("未读取（原样保留）的列：{list}\n")
            } else {
                format!("columns kept but not read: {list}\n")
            });
        }
        if self.decode_replacements > 0 {
            let n = self.decode_replacements;
            let (at_zh, at_en) = match self.decode_replacement_line {
                Some(l) => (format!("，首见于第 {l} 行"), format!(", first on line {l}")),
                None => (String::new(), String::new()),
            };
            out.push_str(&if zh {
                format!("有 {n} 处字节无法解码（显示为 �）{at_zh}\n")
            } else {
                format!("{n} byte sequence(s) could not be decoded (shown as �){at_en}\n")
            });
        }
        for f in &self.errors_by_column {
            let h = super::column_name(f.column, &f.header, lang).unwrap_or_else(|| if zh { "整行" } else { "whole row" }.to_string());
            out.push_str(&if zh {
                format!("  数据问题 {h}：{} 行\n", f.count)
            } else {
                format!("  input problems in {h}: {} rows\n", f.count)
            });
        }
        for p in &self.programmes {
            out.push_str(&if zh {
                format!("{}（{}）：符合 {}，不符合 {}，待补充信息 {}\n", p.title, p.id, p.eligible, p.not_eligible, p.unknown)
            } else {
                format!(
                    "{} ({}): {} eligible, {} not eligible, {} need more information\n",
                    p.title, p.id, p.eligible, p.not_eligible, p.unknown
                )
            });
            for r in &p.reasons {
                let o = match (r.outcome, zh) {
                    (Outcome::Fail, true) => "不符合",
                    (Outcome::Fail, false) => "fails",
                    (_, true) => "待补充",
                    (_, false) => "unknown",
                };
                out.push_str(&format!("  {o} {}: {}\n", r.title, r.count));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formula_guard() {
        let mut out = String::new();
        push_line(&mut out, ["a,b", "say \"hi\"", "two\nlines", "=1+1", "-5", "-x", "plain"]);
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"'=1+1\",-5,\"'-x\",plain\r\n");
    }

    /// The OWASP rule, case by case: (cell, escaped?, as written to the file).
    #[test]
    fn formula_cells_are_escaped_and_numbers_are_not() {
        let cases: &[(&str, bool, &str)] = &[
            // Formulas and their DDE forms.
            ("=1+1", true, "\"'=1+1\""),
            ("=HYPERLINK(\"http://x\",\"y\")", true, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
            ("+cmd|' /C calc'!A0", true, "\"'+cmd|' /C calc'!A0\""),
            ("-2+3+cmd|' /C calc'!A0", true, "\"'-2+3+cmd|' /C calc'!A0\""),
            ("-1+1", true, "\"'-1+1\""),
            ("- 5", true, "\"'- 5\""),
            ("-.5.5", true, "\"'-.5.5\""),
            ("-5 ", true, "\"'-5 \""),
            ("-1,234", true, "\"'-1,234\""),
            ("-5%", true, "\"'-5%\""),
            ("-1e", true, "\"'-1e\""),
            ("-e5", true, "\"'-e5\""),
            ("-.", true, "\"'-.\""),
            ("-", true, "\"'-\""),
            ("+", true, "\"'+\""),
            ("@SUM(A1:A9)", true, "\"'@SUM(A1:A9)\""),
            ("\t=1+1", true, "\"'\t=1+1\""),
            ("\tx", true, "\"'\tx\""),
            ("\r=1+1", true, "\"'\r=1+1\""),
            ("\r\nx", true, "\"'\r\nx\""),
            // Whole numbers, signed or not, stay as they are.
            ("-5", false, "-5"),
            ("+3.2", false, "+3.2"),
            ("-1.5e3", false, "-1.5e3"),
            ("+1E-3", false, "+1E-3"),
            ("-.5", false, "-.5"),
            ("-5.", false, "-5."),
            ("-0", false, "-0"),
            ("1234", false, "1234"),
            // Other cells: only the CSV quoting.
            ("", false, ""),
            ("x=1", false, "x=1"),
            (" =1+1", false, " =1+1"),
            ("'=1+1", false, "'=1+1"),
            ("\u{FF1D}1+1", false, "\u{FF1D}1+1"),
            ("a\tb", false, "\"a\tb\""),
            ("福州某公司", false, "福州某公司"),
        ];
        for (cell, escaped, written) in cases {
            assert_eq!(formula_risk(cell), *escaped, "{cell:?}");
            let mut out = String::new();
            push_field(&mut out, cell);
            assert_eq!(out, *written, "{cell:?}");
        }
    }
}
