//! Human-readable and JSON renderings of entries.

use lossatlas::catalog::{Entry, Value};

/// One line: id, year, kind, status, name.
pub fn entry_line(e: &Entry) -> String {
    let year = if e.year_approx { format!("~{}", e.year) } else { e.year.to_string() };
    let mark = match e.status.slug() {
        "implemented" => "✓",
        "planned" => "·",
        _ => "-",
    };
    format!("{mark} {:<32} {:>5}  {:<9}  {}", e.id, year, e.kind.as_str(), e.name)
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Float(x) => format!("{x}"),
        Value::Int(i) => format!("{i}"),
        Value::Bool(b) => format!("{b}"),
        Value::Str(s) => s.to_string(),
        Value::Floats(xs) => format!("{xs:?}"),
        Value::Null => "None".into(),
    }
}

pub use lossatlas::catalog::export::entry_json;

/// The whole entry for people.
pub fn entry_text(e: &Entry) -> String {
    let mut s = String::new();
    let year = if e.year_approx { format!("~{}", e.year) } else { e.year.to_string() };
    s += &format!("{} ({})\n", e.name, e.id);
    s += &format!("  kind: {}   year: {}   domains: {}\n", e.kind.as_str(), year, e.domains.join(", "));
    s += &format!("  status: {}{}\n", e.status.slug(), e.status.reason().map(|r| format!(" — {r}")).unwrap_or_default());
    if !e.aliases.is_empty() {
        s += &format!("  aliases: {}\n", e.aliases.join("; "));
    }
    let p = &e.paper;
    if !p.title.is_empty() {
        s += &format!("  paper: {} — {}", p.title, p.authors);
        if !p.venue.is_empty() {
            s += &format!(", {}", p.venue);
        }
        if p.year != 0 {
            s += &format!(" ({})", p.year);
        }
        s += "\n";
    }
    if !p.url.is_empty() {
        s += &format!("  link: {}\n", p.url);
    }
    s += &format!("\n{}\n\n", wrap(e.summary, 92, ""));
    s += &format!("formula:\n  {}\n", e.formula);
    if !e.inputs.is_empty() {
        s += "\ninputs:\n";
        for i in e.inputs {
            s += &format!("  {:<26} {:<22} {}\n", i.name, i.shape, i.meaning);
        }
    }
    if !e.params.is_empty() {
        s += "\nparams:\n";
        for p in e.params {
            s += &format!("  {:<22} default {:<10} range {:<22} {}\n", p.name, value_text(&p.default), p.range.describe(), p.meaning);
        }
    }
    let pr = &e.properties;
    s += &format!(
        "\nproperties: convex {:?}, bounded {:?}, smooth {:?}, robust to outliers {:?}, suits imbalance {:?}, suits label noise {:?}, operand {:?}\n",
        pr.convex, pr.bounded, pr.smooth, pr.robust_to_outliers, pr.suits_imbalance, pr.suits_label_noise, pr.operand
    )
    .to_lowercase();
    if !e.forms.is_empty() {
        s += "\nforms:\n";
        for f in e.forms {
            s += &format!("  {:<20} {}\n", f.name, wrap(f.description, 70, &" ".repeat(23)).trim_start());
        }
    }
    if !e.equivalents.is_empty() {
        s += &format!("\nequivalents: {}\n", e.equivalents.join(", "));
    }
    if !e.uses.is_empty() {
        s += &format!("uses: {}\n", e.uses.join(", "));
    }
    if !e.related.is_empty() {
        s += &format!("related: {}\n", e.related.join(", "));
    }
    s
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for w in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + w.len() > width {
            out += indent;
            out += &line;
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line += w;
    }
    if !line.is_empty() {
        out += indent;
        out += &line;
    }
    out
}
