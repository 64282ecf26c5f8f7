//! `cargo bench -p shuzhuan-policy --bench batch`: batch pre-screening of 10 000 generated rows
//! (decode, CSV, parse, screen for one programme, write the output CSV). Figures go to
//! docs/performance.md; the CLI's end-to-end figure comes from scripts/bench-batch.sh.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use shuzhuan_policy::batch::{BatchOptions, Screener};
use shuzhuan_policy::{Date, Lang, RuleBundle};

/// A varied applicant list: several industries, districts in and out of Fuzhou, sizes across the
/// bands, credit and legal-person answers, some blanks.
fn generate(rows: usize) -> String {
    let industries = ["1761", "1711", "3973", "3670", "3985", "1821", "6511", "176", "5211"];
    let districts = ["350104", "350112", "350181", "350203", "330782", "鼓楼区", "长乐区", ""];
    let mut out =
        String::from("企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),资产总额(万元),所在区县,独立法人,近三年不良信用记录\n");
    for i in 0..rows {
        let k = i * 7919;
        out.push_str(&format!(
            "企业{i},,{},{},{}.{},{},{},{},{}\n",
            industries[k % industries.len()],
            5 + k % 1200,
            50 + k % 45000,
            k % 10,
            100 + k % 9000,
            districts[k % districts.len()],
            ["是", "否", ""][k % 3],
            ["无", "有", "无", ""][k % 4],
        ));
    }
    out
}

fn screen_all(bytes: &[u8], opts: &BatchOptions) -> usize {
    let mut s = Screener::new(RuleBundle::embedded(), opts).unwrap();
    let mut out = String::new();
    let mut n = 0;
    let mut writer = None;
    for chunk in bytes.chunks(64 * 1024) {
        s.push_bytes(chunk).unwrap();
        while let Some(row) = s.next_row().unwrap() {
            let w = writer.get_or_insert_with(|| s.csv_writer().unwrap());
            w.write_row(&row, &mut out);
            n += 1;
        }
        out.clear();
    }
    s.finish().unwrap();
    while let Some(row) = s.next_row().unwrap() {
        if let Some(w) = &writer {
            w.write_row(&row, &mut out);
        }
        n += 1;
    }
    n
}

fn benches(c: &mut Criterion) {
    let file = generate(10_000);
    let opts = BatchOptions { programmes: vec!["fuzhou-2024".into()], as_of: Date::new(2025, 6, 30).unwrap(), lang: Lang::Zh };
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(10_000));
    g.sample_size(10);
    g.bench_function("10 000 rows, fuzhou-2024, CSV out", |b| b.iter(|| screen_all(black_box(file.as_bytes()), &opts)));
    g.finish();
    // Issue 14, item 11: a quote opened on the first row and never closed, 32 MB pushed in 64 KB
    // chunks. The old reader searched the open field again from its start at each push.
    let mut open = generate(0);
    open.push('"');
    let rows = generate(1);
    let row = &rows[rows.find('\n').map_or(0, |i| i + 1)..];
    while open.len() < 32 << 20 {
        open.push_str(row);
    }
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Bytes(open.len() as u64));
    g.sample_size(10);
    g.bench_function("unterminated quote, 32 MB in 64 KB chunks", |b| b.iter(|| screen_all(black_box(open.as_bytes()), &opts)));
    g.finish();
}

criterion_group!(all, benches);
criterion_main!(all);
