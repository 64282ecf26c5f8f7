//! # shuzhuan-policy — 数转政策核心
//!
//! The pure policy core of shuzhuan: who qualifies for a city's SME digital-transformation pilot
//! programme (中小企业数字化转型城市试点) and how much subsidy a project could receive.
//!
//! Everything here is deterministic and free of I/O, clocks, wasm or DOM types: the CLI, the
//! WASM bindings and the Leptos app are thin shells that pass data in and render what comes out.
//! Money is [`rust_decimal::Decimal`] in yuan; every verdict is pass / fail / unknown with its
//! reason and the clause it comes from.
//!
//! ```
//! use shuzhuan_policy::{check_json, Date, Lang, RuleBundle};
//! let bundle = RuleBundle::embedded();
//! let input = r#"{"as_of": "2025-06-30", "profile": {"industry": "C3973", "employees": 120,
//!     "revenue_yuan": "85000000", "region": "350203"}}"#;
//! let today = Date::new(2026, 11, 22).unwrap();
//! let report = check_json(input, bundle, today, Lang::Zh).unwrap();
//! let xiamen = report.programmes.iter().find(|p| p.id == "xiamen-2024").unwrap();
//! // 120 staff is the small band, 8500万 the medium band: the lower band decides.
//! assert_eq!(report.sme.class, shuzhuan_policy::sme::SmeClass::Small);
//! assert_eq!(xiamen.verdict, shuzhuan_policy::Verdict::Eligible);
//! ```
#![forbid(unsafe_code)]

pub mod amount;
pub mod assess;
pub mod batch;
pub mod bundle;
#[cfg(feature = "toml")]
pub mod cases;
pub mod catalogue;
pub mod contract;
pub mod date;
pub mod error;
pub mod estimate;
pub mod eval;
pub mod expr;
mod fnv;
pub mod input;
pub mod lenient;
mod money;
pub mod outcomes;
pub mod providers;
pub mod region;
pub mod rules;
pub mod sme;
pub mod text;
#[cfg(feature = "toml")]
mod toml_json;
pub mod uscc;
mod walk;

pub use bundle::{BundleError, PackReader, RuleBundle};
pub use date::{Date, DateError};
pub use error::{FieldError, InputErrors};
pub use estimate::{estimate, estimate_json, EstimateReport};
pub use eval::{check, check_json, CheckReport, Outcome, Verdict};
pub use input::{CheckInput, EstimateInput, Profile, Project};
pub use text::{Lang, Text};
