//! SVG plots of loss slices (value and derivative), drawn in Rust with plotters.

use lossatlas::plot::Slice;
use plotters::prelude::*;

const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 190, 207),
    RGBColor(140, 86, 75),
    RGBColor(127, 127, 127),
];

fn bounds<'a>(series: impl Iterator<Item = &'a [f64]>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for s in series {
        for &v in s.iter().filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if !lo.is_finite() || !hi.is_finite() {
        return (-1.0, 1.0);
    }
    if hi - lo < 1e-12 {
        return (lo - 1.0, hi + 1.0);
    }
    let pad = 0.05 * (hi - lo);
    (lo - pad, hi + pad)
}

/// One panel: every slice's values (or derivatives) against x.
fn panel<DB: DrawingBackend>(area: &DrawingArea<DB, plotters::coord::Shift>, slices: &[Slice], derivative: bool) -> Result<(), String> {
    let pick = |s: &Slice| -> Vec<f64> { if derivative { s.grads.clone() } else { s.values.clone() } };
    let ys: Vec<Vec<f64>> = slices.iter().map(pick).collect();
    let (ylo, yhi) = bounds(ys.iter().map(|v| v.as_slice()));
    let (xlo, xhi) = bounds(slices.iter().map(|s| s.xs.as_slice()));
    let x_label = if slices.iter().all(|s| s.x_label == slices[0].x_label) { slices[0].x_label } else { "x (see each entry)" };
    let title = if derivative { "derivative d loss / d x" } else { "loss" };
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 16))
        .margin(8)
        .x_label_area_size(34)
        .y_label_area_size(48)
        .build_cartesian_2d(xlo..xhi, ylo..yhi)
        .map_err(|e| e.to_string())?;
    chart.configure_mesh().x_desc(x_label).light_line_style(RGBColor(235, 235, 235)).draw().map_err(|e| e.to_string())?;
    for (k, (s, y)) in slices.iter().zip(&ys).enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let pts: Vec<(f64, f64)> = s.xs.iter().copied().zip(y.iter().copied()).filter(|(_, v)| v.is_finite()).collect();
        chart
            .draw_series(LineSeries::new(pts, color.stroke_width(2)))
            .map_err(|e| e.to_string())?
            .label(s.id)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
    }
    chart.configure_series_labels().background_style(WHITE.mix(0.85)).border_style(BLACK.mix(0.3)).draw().map_err(|e| e.to_string())?;
    Ok(())
}

/// An SVG with the loss (left) and its derivative (right) of one or more slices.
pub fn slices_svg(slices: &[Slice]) -> Result<String, String> {
    if slices.is_empty() {
        return Err("nothing to plot".into());
    }
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (900, 340)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (left, right) = root.split_horizontally(450);
        panel(&left, slices, false)?;
        panel(&right, slices, true)?;
        root.present().map_err(|e| e.to_string())?;
    }
    // Accessible: a title element names what is drawn.
    let names: Vec<&str> = slices.iter().map(|s| s.id).collect();
    let title = format!("<title>Loss and derivative of {} along: {}</title>", names.join(", "), slices[0].x_label);
    Ok(out.replacen('>', &format!(" role=\"img\">{title}"), 1))
}
