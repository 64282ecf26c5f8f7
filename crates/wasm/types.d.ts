// ---- @shuzhuan/policy: the JSON shapes of the `shuzhuan` command (README: "The JSON contract") ----
// Hand-written; crates/wasm/src/lib.rs includes this file as a wasm-bindgen TypeScript section.
// Money is a decimal string in yuan ("85000000", "1234.5"); dates are "YYYY-MM-DD".

/** A date, `YYYY-MM-DD`. */
export type DateString = string;
/** An amount of yuan as a decimal string, e.g. "85000000" or "1234.5". */
export type Yuan = string;
/** An amount as callers may type it: a number, or a string such as "8500万", "1,234.5", "１２３４". */
export type AmountInput = number | string;
/** A yes/no answer: a boolean, or 是/否, 有/无, yes/no, true/false, 1/0. */
export type YesNoInput = boolean | string;

export type Lang = "zh" | "en";
export type Tri = "yes" | "no" | "unknown";
export type Outcome = "pass" | "fail" | "unknown";
export type Verdict = "eligible" | "not_eligible" | "unknown";
/** `start_unknown`: a draft that gives no start date, before the start assumed (docs/readings.md §5). */
export type ProgrammeStatus = "in_force" | "expired" | "not_yet_in_force" | "start_unknown";
export type SmeClass = "large" | "medium" | "small" | "micro" | "unknown";
export type SizeCategory =
  | "agriculture" | "industry" | "construction" | "wholesale" | "retail" | "transport"
  | "warehousing" | "postal" | "accommodation" | "catering" | "information_transmission"
  | "software_it" | "real_estate_development" | "property_management"
  | "leasing_business_services" | "other" | "unknown" | "not_covered";
export type CriterionKind =
  | "in_force" | "sme" | "sub_industry" | "in_city" | "independent_legal_person" | "no_bad_credit"
  | "expression";
export type MeasureStatus =
  | "computed" | "missing_input" | "not_applicable" | "not_computed" | "needs_parameters"
  | "not_claimed" | "info";

/** A sentence in Chinese and English. */
export interface Text { zh: string; en: string }

/** Options beside an input (every one optional). Unknown keys are an error on `options`. */
export interface Options {
  /** "Today" (default: the device's local date). Decides which rule version applies. */
  today?: DateString | null;
  /** The date to evaluate on; overrides the input's `as_of`. */
  as_of?: DateString | null;
  /** Language of the report's sentences (default zh). */
  lang?: Lang | string | null;
  /** `check` and `estimate`: evaluate what is valid. Instead of throwing on bad fields, answer
   *  `{report, errors}` ({@link Lenient}): each field in error left out, the rest evaluated. */
  lenient?: boolean;
  /** `check` and `estimate`: `"full"` (the default) answers the whole report; `"outcomes"` the
   *  compact answer ({@link CheckOutcomes}, {@link EstimateOutcomes}): classes, statuses,
   *  verdicts, outcomes and amounts under the full report's field names, no sentences. Any other
   *  value is an error on `detail`. */
  detail?: "full" | "outcomes" | null;
}

// ---------------------------------------------------------------------------------------- inputs

/** The enterprise as the user describes it; every field optional. */
export interface ProfileInput {
  /** GB/T 4754-2017 code at any level: "C3973", "3973", "397". */
  industry?: string | null;
  /** 从业人员 (persons): a whole number. */
  employees?: number | string | null;
  revenue_yuan?: AmountInput | null;
  total_assets_yuan?: AmountInput | null;
  /** 6-digit division code (GB/T 2260), e.g. "350203". */
  region?: string | null;
  /** 统一社会信用代码 (18 characters). */
  uscc?: string | null;
  independent_legal_person?: YesNoInput | null;
  bad_credit_last_3_years?: YesNoInput | null;
  above_designated_size?: YesNoInput | null;
  /** 专精特新: "none", "sme" (专精特新中小企业) or "little_giant" (“小巨人”). */
  specialized?: "none" | "sme" | "little_giant" | string | null;
  /** 成立（注册）日期. */
  registered_on?: DateString | null;
  /** The digital level now, 0–4. */
  digital_level_now?: number | string | null;
  /** Answers to the rule packs' own enterprise questions, by question id (each programme reads
   *  the ones it declares, typed by its declaration). */
  answers?: { [question: string]: boolean | number | string | null } | null;
}

export interface CheckInput {
  as_of?: DateString | null;
  profile?: ProfileInput | null;
}

/** The project an estimate is for; which fields matter depends on the programme. */
export interface ProjectInput {
  /** Digital-transformation level after the project, 0–4 (0 or "未达一级": no level yet). */
  digital_level_after?: number | string | null;
  /** 试点实施第几年: 1 or 2. */
  implementation_year?: number | string | null;
  eligible_input_yuan?: AmountInput | null;
  contract_down_payment_yuan?: AmountInput | null;
  diagnosis_fee_yuan?: AmountInput | null;
  cloud_fee_yuan?: AmountInput | null;
  equipment_input_last_year_yuan?: AmountInput | null;
  chain_enterprises_completed?: number | string | null;
  training_person_days?: number | string | null;
  identifier_registrations_per_year?: number | string | null;
  identifier_min_monthly_resolutions?: number | string | null;
  platform_service_revenue_yuan?: AmountInput | null;
  /** What the platform already received under a cumulative cap (Xiamen 四、（五）9). */
  platform_subsidy_received_yuan?: AmountInput | null;
  national_cross_industry_platform?: YesNoInput | null;
  /** Ids of one-off awards to include. */
  awards?: string[] | null;
  /** Amounts for awards the document names without a figure (`EstimatorSpec.award_amounts`). */
  award_amounts_yuan?: { [award: string]: AmountInput } | null;
  /** Roles the enterprise holds: a measure paid to a role is its own money only then. */
  roles?: ("chain_leader" | "platform")[] | null;
  /** For programmes that publish no amounts (Fuzhou, Jinan): 0–1 or "30%". */
  ratio?: number | string | null;
  /** For programmes that publish no amounts: the cap per level, e.g. {"2": 200000} (Jinan), or
   *  one cap for all when the amounts are not graded by level (Fuzhou). */
  caps_yuan?: { [level: string]: AmountInput } | AmountInput | null;
  /** A rule pack's own project questions, by id (`EstimatorSpec.inputs[].field`). */
  [question: string]: unknown;
}

export interface EstimateInput {
  /** Programme id, e.g. "xiamen-2024" (see `programmes()`). */
  programme: string;
  as_of?: DateString | null;
  profile?: ProfileInput | null;
  project?: ProjectInput | null;
}

// ---------------------------------------------------------------------------------------- errors

/** One problem with one field, named by its JSON path (e.g. "profile.employees"). */
export interface FieldError { field: string; message: Text }
/** `check`/`estimate` with `lenient: true`: the report made from the valid fields (null when even
 *  they could not be evaluated, e.g. an unknown programme), and every field left out. */
export interface Lenient<R> { report: R | null; errors: FieldError[] }

/** What the CLI prints on stderr for bad input (exit 2). */
export interface InputErrors { errors: FieldError[] }

/** What every function throws for bad input: an Error named "InputError" carrying the CLI's
 *  error list. `JSON.stringify(e)` gives `{"errors": […]}`. */
export interface InputError extends Error, InputErrors { name: "InputError" }

// ---------------------------------------------------------------------------------------- check

/** The profile as read (amounts normalised to yuan strings). */
export interface Profile {
  industry: string | null;
  employees: number | null;
  revenue_yuan: Yuan | null;
  total_assets_yuan: Yuan | null;
  region: string | null;
  uscc: string | null;
  independent_legal_person: boolean | null;
  bad_credit_last_3_years: boolean | null;
  above_designated_size: boolean | null;
}

export interface IndicatorBand {
  indicator: "employees" | "revenue" | "total_assets";
  /** The figure (persons, or 万元) as a decimal string; null when not given. */
  value: string | null;
  band: SmeClass;
  /** Lower bounds for large, medium and small (persons or 万元). */
  bounds: [number, number, number];
  explanation: string;
}

/** The SME size class under 工信部联企业〔2011〕300号. */
export interface SmeAssessment {
  category: SizeCategory;
  category_name: string;
  class: SmeClass;
  class_at_most?: SmeClass;
  is_sme: Tri;
  above_designated_size: Tri;
  above_designated_size_basis: string;
  reasons: string[];
  to_change?: string;
  /** Fields whose absence leaves `is_sme` unknown. */
  missing: string[];
  missing_for_class: string[];
  indicators: IndicatorBand[];
  source: string;
}

export interface CriterionResult {
  id: string;
  kind: CriterionKind;
  title: string;
  outcome: Outcome;
  reason: string;
  /** What would change a fail or unknown; absent on a pass. */
  to_change?: string;
  /** Absent when empty. */
  missing?: string[];
  /** Document number and clause. */
  source: string;
  clause: string;
  /** Verbatim from the document. */
  quote: string;
}

export interface ProgrammeNote { id: string; text: string; source: string; quote: string }

export interface ProgrammeResult {
  id: string;
  city: string;
  title: string;
  document: string;
  /** A 征求意见稿 (draft for comment). */
  draft: boolean;
  status: ProgrammeStatus;
  status_text: string;
  valid_from: DateString;
  valid_until: DateString;
  rules_version: string;
  verdict: Verdict;
  verdict_text: string;
  criteria: CriterionResult[];
  not_stated: string[];
  missing: string[];
  notes: ProgrammeNote[];
}

export interface RulesInfo { origin: string; hash: string }

/** `shuzhuan check --format json`. */
export interface CheckReport {
  as_of: DateString;
  lang: Lang;
  profile: Profile;
  industry?: { code: string; name: string; path: string };
  region?: string;
  sme: SmeAssessment;
  programmes: ProgrammeResult[];
  notices: string[];
  rules: RulesInfo;
  disclaimer: string;
}

// ---------------------------------------------------------------------------------------- estimate

export interface LevelAmount { level: number; amount_yuan: Yuan; cap_yuan: Yuan }

/** A pilot year's amount, when the year decides the ratio and is not known. */
export interface YearAmount { year: number; ratio: string; amount_yuan: Yuan }

export interface MeasureResult {
  id: string;
  title: string;
  recipient?: string;
  /** Whose money: the enterprise's own (in `total_yuan`) or another party's (`paid_to_others_yuan`). */
  paid_to: "enterprise" | "other";
  /** The role the measure is paid for, when it is a role's. */
  role?: "chain_leader" | "platform";
  /** In `total_yuan`. */
  in_total: boolean;
  /** How it stacks with lines that may pay for the same thing. */
  stacking?: string;
  status: MeasureStatus;
  amount_yuan: Yuan;
  cap_yuan: Yuan | null;
  capped: boolean;
  up_to: boolean;
  /** Ratio or caps came from the user, not the document. */
  user_supplied: boolean;
  formula: string;
  explanation: string;
  conditions: string[];
  missing?: string[];
  by_level?: LevelAmount[];
  /** Each pilot year's amount when the year is not known (the total counts the lowest). */
  by_year?: YearAmount[];
  source: string;
  clause: string;
  quote: string;
}

export interface Instalment { stage: "first" | "after_acceptance" | string; amount_yuan: Yuan; explanation: string }

/** `shuzhuan estimate --format json`. */
export interface EstimateReport {
  programme: string;
  title: string;
  document: string;
  draft: boolean;
  as_of: DateString;
  status: ProgrammeStatus;
  status_text: string;
  rules_version: string;
  eligibility: ProgrammeResult;
  measures: MeasureResult[];
  /** What the enterprise itself would receive. */
  total_yuan: Yuan;
  /** Lines paid to other parties, apart from the total. */
  paid_to_others_yuan: Yuan;
  /** Groups of lines that may pay for the same thing, as applied. */
  overlaps: OverlapResult[];
  instalments: Instalment[];
  notes: string[];
  leaves_out: string[];
  notices: string[];
  rules: RulesInfo;
  disclaimer: string;
}

export interface OverlapResult {
  id: string;
  /** `highest`: 就高不重复, only the highest line counts; `confirm_distinct`: all count, to confirm. */
  rule: "highest" | "confirm_distinct";
  measures: string[];
  counted: string[];
  not_counted: string[];
  text: string;
  source: string;
  quote: string;
}

// ---------------------------------------------------------------------------------------- lists

/** Today's date in China (UTC+8), `YYYY-MM-DD`; throws an `InputError` on `today` when the
 *  device's clock cannot be right (before 2020 or after 2200). */
export function todayInChina(): DateString;

/** One line of `shuzhuan programmes --format json`. */
export interface Programme {
  id: string;
  /** The city's Chinese name. */
  city: string;
  title: string;
  document: string;
  audience: "enterprise" | "provider";
  draft: boolean;
  issued: DateString | null;
  valid_from: DateString;
  valid_until: DateString;
  status: ProgrammeStatus;
  status_text: string;
  as_of: DateString;
}

/** One hit of `shuzhuan industry search --format json`. */
export interface IndustryHit {
  code: string;
  name: string;
  /** 门类 › 大类 › 中类 › 小类 path. */
  path: string;
  size_category: SizeCategory;
  /** The code against each programme's pilot sub-industries. */
  programmes: { programme: string; outcome: Outcome; reason: string }[];
}

/** A valid 统一社会信用代码 and what its parts say (GB 32100-2015). */
export interface UsccResult {
  /** The 18 characters, upper case, without spaces or hyphens. */
  code: string;
  /** Lowercase letters were upper-cased to read it. */
  uppercased: boolean;
  /** Character 1: the registering authority, in Chinese. */
  authority: string;
  /** Character 2 with 1: the entity type (e.g. 企业), when known. */
  entity_type: string | null;
  /** Characters 3–8: the registering authority's division code. */
  division: string;
  /** Where `division` lies, when it reads as a division code. */
  region: {
    code: string;
    province: string;
    city: { code: string; zh: string; en: string; districts: [string, string][] } | null;
    district: string | null;
  } | null;
}

/** What a programme's estimator asks for (the core's `estimate::spec`), labels in `lang`. */
export interface EstimatorSpec {
  programme: string;
  /** Money (yuan) and count inputs of `project`, in the order the measures use them. */
  inputs: { field: keyof ProjectInput & string; label: string; money: boolean }[];
  /** Digital levels that carry a subsidy (ask for `digital_level_after`); empty when none. */
  levels: number[];
  /** Asks for `implementation_year` (1 or 2). */
  year: boolean;
  /** The document publishes no amounts: asks for `ratio` and `caps_yuan`. */
  user_parameters: boolean;
  /** With `user_parameters`: caps per level 2–4 (true) or one cap for all (false). */
  user_caps_by_level: boolean;
  /** One-off awards to opt into (`project.awards`). */
  awards: { id: string; label: string }[];
  /** Awards whose amount the user enters once claimed (`project.award_amounts_yuan`). */
  award_amounts: string[];
  /** Roles a measure is paid for (`project.roles`). */
  roles: { id: string; label: string }[];
  /** Yes/no project flags some cap depends on (e.g. `national_cross_industry_platform`). */
  flags: { id: string; label: string }[];
}

/** A pilot city with its districts and counties (GB/T 2260). */
export interface City {
  /** The 4-digit prefix, e.g. "3502"; `${code}00` stands for its development zones. */
  code: string;
  zh: string;
  en: string;
  /** [6-digit code, Chinese name] of each 区、县 or 县级市; may be empty for a city a pack adds
   *  without listing its districts. */
  districts: [string, string][];
}

// ---------------------------------------------------------------------------------------- compact

/** `check` with `detail: "outcomes"`: the full report's outcomes, under its field names. */
export interface CheckOutcomes {
  as_of: DateString;
  sme: { class: SmeClass; is_sme: Tri };
  programmes: ProgrammeOutcome[];
}
/** A programme's id, status and verdict, and each criterion's outcome. */
export interface ProgrammeOutcome {
  id: string;
  status: ProgrammeStatus;
  verdict: Verdict;
  criteria: { id: string; outcome: Outcome }[];
}
/** `estimate` with `detail: "outcomes"`: amounts, instalments and the total, no sentences. */
export interface EstimateOutcomes {
  programme: string;
  as_of: DateString;
  status: ProgrammeStatus;
  eligibility: ProgrammeOutcome;
  measures: { id: string; status: MeasureStatus; amount_yuan: Yuan }[];
  total_yuan: Yuan;
  instalments: { stage: "first" | "after_acceptance" | string; amount_yuan: Yuan }[];
}

// ---------------------------------------------------------------------------------------- functions

/** `check` evaluating what is valid: bad fields left out and listed, never thrown (bad options
 *  still are). */
export function check(input: CheckInput | string, options: Options & { lenient: true; detail: "outcomes" }): Lenient<CheckOutcomes>;
export function check(input: CheckInput | string, options: Options & { lenient: true }): Lenient<CheckReport>;
/** `check`'s compact answer: outcomes without sentences.
 *  @throws {InputError} on bad input or options. */
export function check(input: CheckInput | string, options: Options & { detail: "outcomes" }): CheckOutcomes;
/** Eligibility for every programme (`shuzhuan check`). A string input is read as JSON text.
 *  @throws {InputError} on bad input or options, naming every bad field. */
export function check(input: CheckInput | string, options?: Options | string | null): CheckReport;

/** `estimate` evaluating what is valid: bad fields left out and listed, never thrown (bad options
 *  still are). */
export function estimate(input: EstimateInput | string, options: Options & { lenient: true; detail: "outcomes" }): Lenient<EstimateOutcomes>;
export function estimate(input: EstimateInput | string, options: Options & { lenient: true }): Lenient<EstimateReport>;
/** `estimate`'s compact answer: amounts without sentences.
 *  @throws {InputError} on bad input or options. */
export function estimate(input: EstimateInput | string, options: Options & { detail: "outcomes" }): EstimateOutcomes;
/** One programme's subsidy estimate (`shuzhuan estimate`). A string input is read as JSON text.
 *  @throws {InputError} on bad input or options, naming every bad field. */
export function estimate(input: EstimateInput | string, options?: Options | string | null): EstimateReport;

/** Every programme with its status on `as_of` (else `today`) (`shuzhuan programmes`).
 *  @throws {InputError} on bad options. */
export function programmes(options?: Options | string | null): Programme[];

/** Up to 20 GB/T 4754-2017 codes matching a name or a code, each with its size category and fit
 *  to every programme's sub-industries (`shuzhuan industry search`). Notes (说明) are searched
 *  once `loadNotes` has run. Only `lang` of the options matters.
 *  @throws {InputError} when `query` is not a string, or on bad options. */
export function searchIndustry(query: string, options?: Options | string | null): IndustryHit[];

/** Reads a 统一社会信用代码 as typed (spaces, hyphens, full-width and lowercase accepted).
 *  @throws {InputError} on field "uscc" when it is not a valid code, saying why. */
export function validateUscc(code: string): UsccResult;

/** One of a rule pack's own enterprise questions, as `checkAsks` lists it (labels in `lang`). */
export interface CheckQuestion {
  programme: string;
  id: string;
  kind: "yes_no" | "choice" | "yuan" | "count" | "person_days" | "date" | "level";
  label: string;
  help: string | null;
  unit: string | null;
  choices: { id: string; label: string }[];
  clause: string;
}

/** What a self-check asks beyond the basics for the rules in use: the packs' own questions
 *  (answered in `profile.answers`) and the built-in facts some rule reads. */
export function checkAsks(options?: Options | string | null): {
  questions: CheckQuestion[];
  facts: ("specialized" | "registered_on" | "digital_level_now")[];
};

/** One problem of a rule pack: its file, the path inside it, and the line and column when known;
 *  what is wrong in English (`message`) and in Chinese (`message_zh`): show the one of the
 *  user's language. */
export interface RulesProblem { file: string; path: string; line?: number; column?: number; message: string; message_zh: string }

/** What `loadRules` throws for a pack that does not validate: every problem; the rules in use
 *  before stay in use. */
export interface RulesError extends Error { name: "RulesError"; problems: RulesProblem[] }

/** The rules now in use, as `loadRules` returns them. */
export interface RulesLoaded { hash: string; origin: string; programmes: string[] }

/** Uses a rule pack from now on: the text of a `rules.json` built by `shuzhuan rules build` (or
 *  the parsed object). The npm package starts with the seed programmes built in; the widgets' and
 *  reviewers' builds start with none. `origin` names the pack in reports (`rules.origin`).
 *  @throws {RulesError} listing every problem of a pack that does not validate. */
export function loadRules(pack: string | object, origin?: string): RulesLoaded;

/** Gives the catalogue the GB/T 4754 notes (the package's `gbt4754-2017-notes.csv`, 138 KB, 42 KB
 *  brotli) so `searchIndustry` matches note text as the CLI does. Returns the number loaded (0 if
 *  loaded before). */
export function loadNotes(csv: string): number;

/** Gives a build without the embedded GB/T 4754 codes (the widgets' build) the codes CSV
 *  (`gbt4754-2017.csv`); until then no industry code can be read. Returns the number loaded (0 when
 *  the catalogue was there already: the npm package embeds it). */
export function loadCodes(csv: string): number;

/** The inputs a programme's estimator asks for on `as_of` (else `today`), labels in `lang`.
 *  @throws {InputError} on field "programme" when there is no such programme, or on bad options. */
export function estimatorSpec(programme: string, options?: Options | string | null): EstimatorSpec;

/** The cities of the programmes in the rules in use (a pack from `loadRules`, else the built-in
 *  ones), each with its districts for a district picker: the ones the pack lists for its city,
 *  else the built-in list of a seed city, else none (the firm then enters its 6-digit code). */
export function regions(): City[];

/** What a field shown in 万元 hands to `check` or `estimate` (whose amounts are in yuan):
 *  `8500` → `8500万`, `5.` → `5.万`; text naming its unit (`1.2亿`, `5000元`) or not ending in a
 *  number is passed on as typed, so an error quotes it. The rule the app uses too. */
export function inWan(text: string): string;

// ---- The provider call (福州 服务商遴选, `shuzhuan providers`): the reviewers' build only ----

/** A number of the measure as applied, with its clause (every provider report lists them). */
export interface RuleApplied { id: string; text: string; source: string; quote: string }
export type ProviderKind = "specialist" | "platform";

/** `providersCheck` input: what a provider says about itself. */
export interface ProvidersCheckInput {
  as_of?: DateString | null;
  provider?: {
    name?: string | null;
    /** `specialist` / 专业服务商, or `platform` / 平台服务商. */
    type?: string | null;
    /** A sub-industry id, as `providerSubIndustries` lists them. */
    sub_industry?: string | null;
    small_fast_light_precise?: YesNoInput | null;
    cross_industry_integration?: YesNoInput | null;
    willing_to_serve_fuzhou?: YesNoInput | null;
    on_dishonest_list?: YesNoInput | null;
    good_operation_and_credit?: YesNoInput | null;
    applies_digital_level_indicators?: YesNoInput | null;
    experience_in_several_cities?: YesNoInput | null;
    stable_team_with_sub_industry_capability?: YesNoInput | null;
    local_team_or_office?: YesNoInput | null;
    local_service_commitment?: YesNoInput | null;
  } | null;
}

export interface ProviderCriterion {
  id: string; title: string; outcome: Outcome; reason: string;
  to_change?: string; missing?: string[]; source: string; quote: string;
}

/** `providersCheck`'s report. */
export interface ProvidersCheckReport {
  as_of: DateString; programme: string; document: string;
  status: ProgrammeStatus; verdict: Verdict; verdict_text: string;
  profile: {
    name: string | null; kind: ProviderKind | null; sub_industry: string | null;
    small_fast_light_precise: boolean | null; cross_industry_integration: boolean | null;
    willing_to_serve_fuzhou: boolean | null; on_dishonest_list: boolean | null;
    good_operation_and_credit: boolean | null; applies_digital_level_indicators: boolean | null;
    experience_in_several_cities: boolean | null; stable_team_with_sub_industry_capability: boolean | null;
    local_team_or_office: boolean | null; local_service_commitment: boolean | null;
  };
  criteria: ProviderCriterion[];
  /** Conditions the measure does not set (said plainly instead of invented). */
  not_stated: RuleApplied[];
  notes: RuleApplied[];
}

/** `providersScore` input (or a sheet: 编号, 名称, 细分行业, 失信名单, one column per expert). */
export interface ProvidersScoreInput {
  experts?: string[];
  /** 20–25 (default 20). */
  reserve_size?: number;
  /** Ids the bureau picked from a tie. */
  decisions?: string[];
  applicants: {
    id: string; name?: string | null; sub_industry: string; dishonest_list?: YesNoInput | null;
    scores: (number | string | null)[];
  }[];
}

export type ApplicantStatus =
  | "selected" | "tied_for_pool" | "reserve" | "tied_for_reserve" | "not_selected" | "vetoed"
  | "insufficient_scores";

/** `providersScore`'s report. Scores are decimal strings. */
export interface ProvidersScoreReport {
  document: string;
  experts: number;
  applicants: {
    id: string; name?: string; sub_industry: string; scores_given: number;
    dropped_high?: string; dropped_low?: string; final_score?: string;
    rank?: number; reserve_rank?: number;
    status: ApplicantStatus; status_text: string; explanation: string;
  }[];
  sub_industries: {
    id: string; name: string; quota: number; source: string; quote: string;
    ranking: string[]; selected: string[]; open_seats: number; shortfall: number;
  }[];
  reserve: {
    size: number; min: number; max: number; members: string[]; open_seats: number;
    short_of_minimum: number; source: string; quote: string;
  };
  pool_size: number;
  /** The pool planned: the sum of the sub-industries' quotas. */
  pool_planned: number;
  ties: { stage: "pool" | "reserve"; sub_industry?: string; final_score: string; applicants: string[]; seats: number; text: string }[];
  warnings: string[];
  interpretations: string[];
  rules: RuleApplied[];
}

/** `providersStars` input (or a sheet: 编号, 名称, one column per round). */
export interface ProvidersStarsInput {
  rounds?: string[];
  providers: {
    id: string; name?: string | null;
    /** 3, 2, 1 stars, 0 or "无星级" for no star, null when not rated. */
    ratings: (number | string | null)[];
    joined_round?: number;
    removed?: { round: number; reason: string };
  }[];
}

/** `providersStars`'s report. */
export interface ProvidersStarsReport {
  document: string;
  rounds: {
    round: number; label?: string; joined: string[]; active_before: number; rated: number;
    no_star: number; exits: string[]; removed: string[]; active_after: number; below_minimum: boolean;
  }[];
  providers: {
    id: string; name?: string; status: "active" | "exited" | "removed"; left_round?: number;
    latest?: number; at_risk: boolean; explanation: string;
  }[];
  pool_size: number;
  pool_minimum: number;
  /** No-star ratings in a row that take a provider out of the pool (2 in the Fuzhou measure). */
  exit_after_no_stars: number;
  /** The same count as a word in the report's language ("两", "two"; digits above ten), for labels. */
  exit_count: string;
  below_minimum: boolean;
  replenish?: string;
  warnings: string[];
  interpretations: string[];
  rules: RuleApplied[];
}

/** A provider's self-check against the call's conditions.
 *  @throws {InputError} naming each bad field. */
export function providersCheck(input: ProvidersCheckInput | string, options?: Options | string | null): ProvidersCheckReport;
/** The experts' scores trimmed, averaged, vetoed and ranked against each sub-industry's quota.
 *  `input` is the contract's JSON or a sheet (CSV text). @throws {InputError} naming each bad field. */
export function providersScore(input: ProvidersScoreInput | string, options?: Options | string | null): ProvidersScoreReport;
/** The exit rule and the pool's minimum, round by round. `input` is the contract's JSON or a
 *  sheet (CSV text). @throws {InputError} naming each bad field. */
export function providersStars(input: ProvidersStarsInput | string, options?: Options | string | null): ProvidersStarsReport;
/** The call's sub-industries with their quotas, names in `lang` (default Chinese). */
export function providerSubIndustries(lang?: Lang | null): { id: string; name: string; quota: number | null }[];
