//! Scoring and star-rating sheets as offices keep them in Excel (CSV or tab-separated text,
//! already decoded), read into the JSON inputs' types through the same parsers.

use super::{parse_score, parse_stars, ScoreInput, StarsInput};
use crate::bundle::RuleBundle;
use crate::error::{FieldError, InputErrors};
use crate::t;
use serde_json::{Map, Value};

/// Reads a scoring sheet as offices keep it in Excel (CSV or tab-separated text, already decoded):
/// a header with `编号`/`id`, `名称`/`name`, `细分行业`/`sub_industry` and optionally
/// `失信名单`/`dishonest_list` columns; every other column is one expert's scores (its header is the
/// expert's name; an empty cell is no score).
///
/// ```
/// use shuzhuan_policy::{providers, RuleBundle};
/// let csv = "编号,名称,细分行业,失信名单,专家1,专家2,专家3\nA,甲公司,auto-parts,否,90,80,85\n";
/// let input = providers::score_input_from_csv(csv, RuleBundle::embedded()).unwrap();
/// assert_eq!(input.experts, ["专家1", "专家2", "专家3"]);
/// assert_eq!(input.applicants[0].scores.len(), 3);
/// ```
pub fn score_input_from_csv(text: &str, bundle: &RuleBundle) -> Result<ScoreInput, InputErrors> {
    let (header, rows) = sheet(text)?;
    let norm: Vec<String> = header.iter().map(|h| crate::batch::normalise_header(h)).collect();
    let find = |names: &[&str]| norm.iter().position(|h| names.contains(&h.as_str()));
    let id_col = find(&["编号", "序号", "申报编号", "id", "no"]);
    let name_col = find(&["名称", "申报单位", "申报单位名称", "企业名称", "服务商", "服务商名称", "name"]);
    let sub_col = find(&["细分行业", "申报细分行业", "行业", "subindustry"]);
    let veto_col = find(&["失信名单", "是否列入失信名单", "列入失信名单", "失信", "dishonestlist", "dishonest"]);
    let mut errors = Vec::new();
    if sub_col.is_none() {
        errors.push(FieldError::new("header", t!("表头缺少“细分行业”列", "the header has no sub_industry (细分行业) column")));
    }
    if id_col.is_none() && name_col.is_none() {
        errors.push(FieldError::new("header", t!("表头缺少“编号”或“名称”列", "the header has no id (编号) or name (名称) column")));
    }
    let fixed = [id_col, name_col, sub_col, veto_col];
    let expert_cols: Vec<usize> = (0..header.len()).filter(|i| !fixed.contains(&Some(*i))).collect();
    if !errors.is_empty() {
        return Err(InputErrors { errors });
    }
    let mut applicants = Vec::new();
    for (line, fields) in rows {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|c| fields.get(c)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let id = cell(id_col).or_else(|| cell(name_col)).unwrap_or_else(|| format!("line {line}"));
        let veto = match cell(veto_col) {
            None => Value::Null,
            Some(v) => Value::String(v),
        };
        let scores: Vec<Value> = expert_cols
            .iter()
            .map(|&c| fields.get(c).map(|s| s.trim()).filter(|s| !s.is_empty()).map_or(Value::Null, |s| Value::String(s.to_string())))
            .collect();
        applicants.push(json_applicant(&id, cell(name_col), cell(sub_col), veto, scores));
    }
    let experts: Vec<Value> = expert_cols.iter().map(|&c| Value::String(header[c].trim().to_string())).collect();
    let mut doc = Map::new();
    doc.insert("experts".into(), Value::Array(experts));
    doc.insert("applicants".into(), Value::Array(applicants));
    parse_score(&Value::Object(doc).to_string(), bundle)
}

/// Reads a star-rating sheet (CSV or tab-separated, as pasted from Excel) into [`StarsInput`]:
/// columns 编号/id and 名称/name, optionally 入库轮次/joined_round, 退出轮次/removed_round and
/// 退出原因/removed_reason (a removal for another reason, 五（一）–（三）); every other column is a
/// round, its header the round's label, its cells 3, 2, 1, 0 / 无星级, or empty (not rated).
///
/// ```
/// use shuzhuan_policy::{providers, Lang, RuleBundle};
/// let sheet = "编号,名称,2024-10,2025-04\nP1,甲,0,无星级\nP2,乙,2,\n";
/// let input = providers::stars_input_from_csv(sheet).unwrap();
/// assert_eq!(input.rounds, ["2024-10", "2025-04"]);
/// let r = providers::stars(&input, RuleBundle::embedded(), Lang::Zh).unwrap();
/// assert_eq!(r.providers[0].status, providers::PoolStatus::Exited);
/// assert_eq!(r.providers[1].status, providers::PoolStatus::Active);
/// ```
pub fn stars_input_from_csv(text: &str) -> Result<StarsInput, InputErrors> {
    let (header, rows) = sheet(text)?;
    let norm: Vec<String> = header.iter().map(|h| crate::batch::normalise_header(h)).collect();
    let find = |names: &[&str]| norm.iter().position(|h| names.contains(&h.as_str()));
    let id_col = find(&["编号", "序号", "服务商编号", "id", "no"]);
    let name_col = find(&["名称", "服务商", "服务商名称", "企业名称", "name"]);
    let joined_col = find(&["入库轮次", "加入轮次", "joinedround", "joined"]);
    let removed_col = find(&["退出轮次", "移出轮次", "removedround", "removed"]);
    let reason_col = find(&["退出原因", "移出原因", "removedreason", "reason"]);
    if id_col.is_none() && name_col.is_none() {
        return Err(InputErrors::one("header", t!("表头缺少“编号”或“名称”列", "the header has no id (编号) or name (名称) column")));
    }
    let fixed = [id_col, name_col, joined_col, removed_col, reason_col];
    let round_cols: Vec<usize> = (0..header.len()).filter(|i| !fixed.contains(&Some(*i))).collect();
    let mut providers = Vec::new();
    for (line, fields) in rows {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|c| fields.get(c)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let mut m = Map::new();
        m.insert("id".into(), Value::String(cell(id_col).or_else(|| cell(name_col)).unwrap_or_else(|| format!("line {line}"))));
        if let Some(n) = cell(name_col) {
            m.insert("name".into(), Value::String(n));
        }
        let ratings = round_cols.iter().map(|&c| cell(Some(c)).map_or(Value::Null, Value::String)).collect();
        m.insert("ratings".into(), Value::Array(ratings));
        if let Some(j) = cell(joined_col) {
            m.insert("joined_round".into(), Value::String(j));
        }
        if let Some(r) = cell(removed_col) {
            let mut rm = Map::new();
            rm.insert("round".into(), Value::String(r));
            rm.insert("reason".into(), Value::String(cell(reason_col).unwrap_or_default()));
            m.insert("removed".into(), Value::Object(rm));
        }
        providers.push(Value::Object(m));
    }
    let rounds: Vec<Value> = round_cols.iter().map(|&c| Value::String(header[c].trim().to_string())).collect();
    let mut doc = Map::new();
    doc.insert("rounds".into(), Value::Array(rounds));
    doc.insert("providers".into(), Value::Array(providers));
    parse_stars(&Value::Object(doc).to_string())
}

/// A sheet's header row and its data rows (line, values), or the error for an empty sheet.
type SheetRows = (Vec<String>, std::vec::IntoIter<(u64, Vec<String>)>);
fn sheet(text: &str) -> Result<SheetRows, InputErrors> {
    let mut rows = crate::batch::records(text).into_iter();
    match rows.next() {
        Some((_, header)) => Ok((header, rows)),
        None => Err(InputErrors::one("input", t!("文件为空：第一行应为表头", "the file is empty: the first line must be the header"))),
    }
}

fn json_applicant(id: &str, name: Option<String>, sub: Option<String>, veto: Value, scores: Vec<Value>) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id.to_string()));
    if let Some(n) = name {
        m.insert("name".into(), Value::String(n));
    }
    m.insert("sub_industry".into(), sub.map_or(Value::Null, Value::String));
    m.insert("dishonest_list".into(), veto);
    m.insert("scores".into(), Value::Array(scores));
    Value::Object(m)
}
