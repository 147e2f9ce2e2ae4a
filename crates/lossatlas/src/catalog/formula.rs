//! LaTeX formulas rendered to MathML in Rust (pulldown-latex), so the atlas needs no JavaScript
//! math library and no network.

use pulldown_latex::{Parser, RenderConfig, Storage, config::DisplayMode, push_mathml};

/// Renders a LaTeX formula as a `<math>` element in display mode, or the parser's error.
pub fn to_mathml(latex: &str) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(latex, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        return Err(e.to_string());
    }
    let mut out = String::new();
    let config = RenderConfig { display_mode: DisplayMode::Block, annotation: Some(latex), ..Default::default() };
    push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
    // pulldown-latex 0.8 writes a LaTeX space (`\ `) as an escaped entity, `&amp;nbsp;`, which a
    // browser shows as text; write the no-break space itself.
    Ok(out.replace("&amp;nbsp;", "&#160;"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_formula_renders() {
        let mut bad = vec![];
        for e in super::super::all() {
            if let Err(err) = super::to_mathml(e.formula) {
                bad.push(format!("{}: {err}\n    {}", e.id, e.formula));
            }
        }
        assert!(bad.is_empty(), "formulas that do not parse:\n{}", bad.join("\n"));
    }

    #[test]
    fn a_bad_formula_is_an_error() {
        assert!(super::to_mathml(r"\frac{1}{").is_err());
        assert!(super::to_mathml(r"\notacommand x").is_err());
        assert!(super::to_mathml(r"\frac{a}{b}").unwrap().starts_with("<math"));
        assert!(!super::to_mathml(r"a\ b").unwrap().contains("&amp;nbsp;"));
    }
}
