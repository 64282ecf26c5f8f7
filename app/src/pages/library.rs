//! Policy library: each programme's rules as the app applies them, beside the source sentences.

use super::status_badge;
use crate::ctx;
use leptos::prelude::*;

pub fn page() -> impl IntoView {
    let c = ctx();
    view! {
        <h1 id="page-title" tabindex="-1">{move || c.t("library.title")}</h1>
        <p class="lead">{move || c.t("library.lead")}</p>
        {move || {
            let lang = c.lang.get();
            let date = c.as_of()?;
            Some(crate::rules().programmes.iter().map(|p| {
                let v = p.version_on(date);
                view! {
                    <section class="card library" data-programme=p.id.clone()>
                        <h2>{p.title.get(lang).to_string()}</h2>
                        <p class="doc">{p.citation()}" · "{p.issuer.get(lang).to_string()}</p>
                        <p>{status_badge(p.status_on(date), p.draft)}" "{format!("{} – {}", p.valid_from, p.valid_until)}</p>
                        {p.valid_from_note.as_ref().map(|n| view! { <p class="small muted">{n.get(lang).to_string()}</p> })}
                        <blockquote class="small">{p.validity_source.quote.clone()}</blockquote>
                        {(!p.sub_industries.is_empty()).then(|| view! {
                            <h3>{c.t("library.sub_industries")}</h3>
                            <table class="rules"><tbody>
                                {p.sub_industries.iter().map(|s| view! {
                                    <tr><th scope="row">{s.name.get(lang).to_string()}</th>
                                        <td>{
                                            let (sep, open, colon, close) = if lang == shuzhuan_policy::Lang::En { (", ", " (", ": ", ")") } else { ("、", "（", "：", "）") };
                                            let confirm = (!s.confirm_codes.is_empty()).then(|| format!("{open}{}{colon}{}{close}", c.t("library.confirm"), s.confirm_codes.join(sep)));
                                            format!("{}{}", s.codes.join(sep), confirm.unwrap_or_default())
                                        }</td>
                                        <td><blockquote class="small">{s.source.quote.clone()}</blockquote></td></tr>
                                }).collect_view()}
                            </tbody></table>
                        })}
                        {(!v.criteria.is_empty()).then(|| view! {
                            <h3>{c.t("library.criteria")}</h3>
                            <table class="rules"><tbody>
                                {v.criteria.iter().map(|cr| view! {
                                    <tr><th scope="row">{cr.title.get(lang).to_string()}</th><td class="small">{p.cite(&cr.source)}</td><td><blockquote class="small">{cr.source.quote.clone()}</blockquote></td></tr>
                                }).collect_view()}
                            </tbody></table>
                        })}
                        {(!v.measures.is_empty()).then(|| view! {
                            <h3>{c.t("library.measures")}</h3>
                            <table class="rules"><tbody>
                                {v.measures.iter().map(|m| view! {
                                    <tr><th scope="row">{m.title.get(lang).to_string()}</th><td class="small formula">{m.formula.describe(&|id| p.label_of(id)).get(lang).to_string()}</td><td><blockquote class="small">{m.source.quote.clone()}</blockquote><p class="small">{p.cite(&m.source)}</p></td></tr>
                                }).collect_view()}
                            </tbody></table>
                        })}
                        {v.not_stated.iter().map(|n| view! { <p class="small">{n.text.get(lang).to_string()}</p> }).collect_view()}
                    </section>
                }
            }).collect_view())
        }}
    }
}
