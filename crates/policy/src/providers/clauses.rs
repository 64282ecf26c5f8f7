//! The clauses of the measure (18号) and of the call (17号 三、（二）1.（1）2)) that the
//! calculators quote, verbatim, and the one number the clause's own words fix: the trimming.

/// A clause of the measure and its sentence, verbatim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    pub clause: &'static str,
    pub quote: &'static str,
}

/// 三、遴选方式: scoring, trimming, averaging.
pub const SCORING: Clause = Clause {
    clause: "三、遴选方式",
    quote: "出具评审分数，去掉每家申报单位的最高分和最低分后，取平均分作为该家申报单位最终得分。",
};
/// 三、遴选方式: the dishonest-list veto.
pub const VETO: Clause = Clause { clause: "三、遴选方式", quote: "列入失信名单的一票否决" };
/// 三、遴选方式: ranking by final score.
pub const RANKING: Clause = Clause {
    clause: "三、遴选方式",
    quote: "按照最终得分从高到低排列，专家评审组提出所选批次的数字化服务商推荐名单，并出具评审意见。",
};
/// 三、遴选方式: the bureau decides the final list (ties are left to it).
pub const FINAL_LIST: Clause =
    Clause { clause: "三、遴选方式", quote: "经福州市工信局研究，确定最终服务资源库名单。" };
/// 一、总体目标: 32 providers in all.
pub const TOTAL: Clause = Clause {
    clause: "一、总体目标",
    quote: "遴选“针织或钩针编织物及其制造、棉纺织或化纤纺织及印染精加工、电子器件制造及配套、汽车零部件及配件制造”数字化服务商共32家。",
};
/// 二、遴选范围: who may apply — nationwide, willing to serve Fuzhou SMEs.
pub const SCOPE: Clause = Clause {
    clause: "二、遴选范围",
    quote: "全国范围内有意愿为福州市中小企业数字化转型提供产品与服务的数字化服务商。",
};
/// 二、（一）: specialist providers.
pub const SPECIALIST: Clause = Clause {
    clause: "二、（一）专业服务商",
    quote: "面向试点细分行业制造业“研产供销”环节提供“小快轻准”（小型化、快速化、轻量化、精准化）数字化解决方案和产品。",
};
/// 二、（二）: platform providers.
pub const PLATFORM: Clause = Clause {
    clause: "二、（二）平台服务商",
    quote: "具有跨行业、跨领域数据整合能力的平台服务商，能够将多个行业共性应用服务系统进行集成，实现行业共性应用的数据集成与分析。",
};
/// 前言: providers outside the pool may still serve.
pub const OUTSIDE_POOL: Clause = Clause {
    clause: "前言",
    quote: "符合提供服务条件但未在资源库中的企业也可为中小企业数字化转型试点提供相应服务。",
};
/// 四、（三）: the four star levels.
pub const STARS: Clause = Clause {
    clause: "四、（三）",
    quote: "评级等级：分为四个等级，优秀的为3星级，良好的为2星级，一般的为1星级，较差的无星级。",
};

/// A clause of the call for providers in the action plan (榕工信行规〔2024〕17号 三、（二）1.（1）
/// 2) 征集条件), under which the providers of 18号 are selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallClause {
    pub clause: &'static str,
    pub quote: &'static str,
}

/// ① Good operation and social credit.
pub const CALL_STANDING: CallClause =
    CallClause { clause: "三、（二）1.（1）2)①", quote: "申报主体运营良好，具有良好的社会信用。" };
/// 一是: understands and applies the digital-level indicators; transformation experience in
/// several cities.
pub const CALL_STANDARDS: CallClause = CallClause {
    clause: "三、（二）1.（1）2)② 一是",
    quote: "能够准确理解并运用《中小企业数字化水平评测指标（2022年版）》（工信厅企业〔2022〕32号）等标准，并能够依据标准为中小企业开展数字化转型服务；具有全国不同地市数字化改造经验、服务基础良好、专业能力有保障、中小企业服务案例丰富；",
};
/// 二是: a stable technical team with the sub-industries' capability.
pub const CALL_TEAM: CallClause = CallClause {
    clause: "三、（二）1.（1）2)② 二是",
    quote: "技术团队健全稳定，专业能力强，拥有针织或钩针编织物及其制造、棉纺织或化纤纺织及印染精加工、电子器件制造及配套、汽车零部件及配件制造细分行业数字化转型服务能力。",
};
/// 三是: local service — a team or office in the city, or a signed 《本地化服务承诺》.
pub const CALL_LOCAL: CallClause = CallClause {
    clause: "三、（二）1.（1）2)② 三是",
    quote: "本地化服务能力强，申报机构在当地有团队或办公场地，如在本地无办公场地的，需提供《本地化服务承诺》。",
};

/// Scores trimmed: one highest and one lowest (三).
pub const TRIM_EACH_END: usize = 1;
/// So at least three scores are needed to leave one to average (三).
pub const MIN_EXPERTS: usize = 2 * TRIM_EACH_END + 1;
