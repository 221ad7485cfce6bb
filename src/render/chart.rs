//! Horizontal bar charts drawn at build time as inline SVG: no script, colours from the page
//! (`currentColor` and the theme's CSS variables, so they follow dark mode and print). Each
//! chart is an image with a text alternative giving every value; the page also shows the same
//! data as a table, for reading and for screen readers that skip images.

use crate::escape;

/// One bar: its label and its value.
pub struct Bar {
    pub label: String,
    pub count: usize,
}

/// Chart width in SVG units; the chart scales to its box.
const WIDTH: usize = 600;
/// Room on the right of the longest bar for its value.
const VALUE_ROOM: usize = 60;
/// Height of one row: its label above its bar (text is 20 units high: about 13 px on a phone,
/// 20 px at the chart's widest).
const ROW: usize = 54;
/// Labels longer than this are cut in the picture (the table gives them whole).
const LABEL_CHARS: usize = 70;

/// The text alternative of a chart: its title, then `item` (`{label}`, `{count}`) for each bar.
pub fn alt(title: &str, bars: &[Bar], item: &str) -> String {
    let items: Vec<String> = bars
        .iter()
        .map(|b| {
            item.replace("{count}", &b.count.to_string())
                .replace("{label}", &b.label)
        })
        .collect();
    format!("{title}. {}.", items.join(" ; "))
}

/// The chart of `bars` as an `<svg>` element, its accessible name `alt`.
pub fn svg(bars: &[Bar], alt: &str) -> String {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let height = (bars.len() * ROW).max(ROW);
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {WIDTH} {height}\" preserveAspectRatio=\"xMinYMin meet\">",
        escape::html(alt)
    );
    for (i, b) in bars.iter().enumerate() {
        let top = i * ROW;
        let width = (b.count * (WIDTH - VALUE_ROOM)).div_ceil(max).max(2);
        let label: String = if b.label.chars().count() > LABEL_CHARS {
            let cut: String = b.label.chars().take(LABEL_CHARS - 1).collect();
            format!("{cut}…")
        } else {
            b.label.clone()
        };
        s.push_str(&format!(
            "<text class=\"chart-label\" x=\"0\" y=\"{}\" fill=\"currentColor\">{}</text><rect class=\"chart-bar\" x=\"0\" y=\"{}\" width=\"{width}\" height=\"18\" fill=\"currentColor\"/><text class=\"chart-value\" x=\"{}\" y=\"{}\" fill=\"currentColor\">{}</text>",
            top + 20,
            escape::html(&label),
            top + 27,
            width + 6,
            top + 43,
            b.count
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_labels_is_escaped_and_bars_scale_to_the_largest() {
        let bars = [
            Bar {
                label: "<script>alert(1)</script> & co".into(),
                count: 4,
            },
            Bar {
                label: "Culture".into(),
                count: 2,
            },
        ];
        let alt = alt("Par thème", &bars, "{label} : {count}");
        assert_eq!(
            alt,
            "Par thème. <script>alert(1)</script> & co : 4 ; Culture : 2."
        );
        let s = svg(&bars, &alt);
        assert!(!s.contains("<script"), "{s}");
        assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</text>"));
        assert!(s.contains("aria-label=\"Par thème. &lt;script&gt;"));
        assert!(s.contains("width=\"540\""), "{s}");
        assert!(s.contains("width=\"270\""), "{s}");
    }
}
