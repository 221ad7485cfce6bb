//! The network map: an SVG drawn at build time, no script. SMart sits in the centre, each
//! level is a ring, each network a numbered node linking to its entry in the list beside the
//! map (same numbers), so the map works with a keyboard and a screen reader, and at phone width.

use std::fmt::Write;

use crate::model::{Level, Network};

const SIZE: f64 = 640.0;
const CENTRE: f64 = SIZE / 2.0;
const INNER: f64 = 70.0;
/// Room kept outside the outermost ring for its nodes.
const MARGIN: f64 = 26.0;

/// Text for the SVG: cleaned as the calendar feeds' (on one line), then escaped.
fn esc(s: &str) -> String {
    crate::escape::xml(&crate::render::ics::clean_text(s, false))
}

/// One ring of the map: a level, its translated label and its networks with their numbers.
pub struct Ring<'a> {
    pub level: Level,
    pub label: String,
    pub networks: Vec<(usize, &'a Network)>,
}

/// Draws the map. `title` and `desc` become the SVG's accessible name and description.
pub fn svg(centre_label: &str, title: &str, desc: &str, rings: &[Ring]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="network-map" viewBox="0 0 {SIZE} {SIZE}" role="group" aria-labelledby="carte-titre carte-desc" xmlns="http://www.w3.org/2000/svg"><title id="carte-titre">{}</title><desc id="carte-desc">{}</desc>"#,
        esc(title),
        esc(desc)
    );
    let step = (CENTRE - INNER - MARGIN) / rings.len().max(1) as f64;
    for (i, ring) in rings.iter().enumerate() {
        let r = INNER + step * (i as f64 + 1.0);
        let _ = write!(
            s,
            r#"<circle class="map-ring map-ring-{}" cx="{CENTRE}" cy="{CENTRE}" r="{r:.1}"/>"#,
            ring.level.key()
        );
        // Ring labels sit at the bottom of each ring, where no node is placed.
        let _ = write!(
            s,
            r#"<text class="map-ring-label" x="{CENTRE}" y="{:.1}" text-anchor="middle">{}</text>"#,
            CENTRE + r - 5.0,
            esc(&ring.label)
        );
    }
    let _ = write!(
        s,
        r#"<circle class="map-centre" cx="{CENTRE}" cy="{CENTRE}" r="{:.1}"/><text class="map-centre-label" x="{CENTRE}" y="{:.1}" text-anchor="middle">{}</text>"#,
        INNER - 14.0,
        CENTRE + 8.0,
        esc(centre_label)
    );
    for (i, ring) in rings.iter().enumerate() {
        let r = INNER + step * (i as f64 + 1.0);
        let n = ring.networks.len().max(1) as f64;
        // Nodes spread over 280° around the top (angles from the top, clockwise), leaving the
        // bottom free for the ring labels; odd rings shift by a quarter slot so that nodes of
        // neighbouring rings do not line up.
        let sweep = 280.0_f64;
        let shift = if i % 2 == 1 { 0.25 } else { 0.0 };
        for (k, (number, net)) in ring.networks.iter().enumerate() {
            let angle =
                (-sweep / 2.0 + sweep * (k as f64 + 0.5 + shift) / (n + shift)).to_radians();
            let (x, y) = (CENTRE + r * angle.sin(), CENTRE - r * angle.cos());
            let _ = write!(
                s,
                r##"<a href="#{}" class="map-link"><title>{} – {}</title><circle class="map-node" cx="{x:.1}" cy="{y:.1}" r="17"/><text class="map-node-label" x="{x:.1}" y="{:.1}" text-anchor="middle">{number}</text></a>"##,
                net.id,
                esc(&net.name),
                esc(&ring.label),
                y + 7.0
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;

    fn net(name: &str, level: Level) -> Network {
        Network {
            id: Slug::from_text(name).unwrap(),
            name: name.into(),
            url: None,
            level,
            sector: None,
            territory: None,
            description_html: None,
            member_since: None,
        }
    }

    #[test]
    fn every_network_is_a_numbered_link_and_text_is_escaped() {
        let a = net("Réseau <A>", Level::Local);
        let b = net("Réseau B", Level::European);
        let rings = vec![
            Ring {
                level: Level::Local,
                label: "Local".into(),
                networks: vec![(1, &a)],
            },
            Ring {
                level: Level::European,
                label: "Européen".into(),
                networks: vec![(2, &b)],
            },
        ];
        let s = svg("SMart", "Carte", "Desc", &rings);
        assert_eq!(s.matches("<a href=\"#").count(), 2);
        assert!(s.contains("href=\"#reseau-a\""));
        assert!(s.contains("Réseau &lt;A&gt; – Local"));
        assert!(!s.contains("<A>"));
        assert!(s.contains(">2</text></a>"));
    }
}
