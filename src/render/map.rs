//! The network map: an SVG drawn at build time, no script. SMart sits in the centre, each
//! level is a ring, each network a numbered node. The map is one picture (`role="img"`): the
//! names and the links are in the numbered legend the template sets beside it, where a phone
//! can read them and a finger can tap them (nodes small enough to fit thirteen on a ring at
//! 320 px would be targets under 24 px, and tooltips never show on a touch screen).

use std::fmt::Write;

use crate::model::{Level, Network};

const SIZE: f64 = 640.0;
const CENTRE: f64 = SIZE / 2.0;
const INNER: f64 = 60.0;
/// Room kept outside the outermost ring for its nodes.
const MARGIN: f64 = 26.0;
/// A node's radius: as large as keeps nodes of neighbouring rings apart at any angle with six
/// rings (the step between rings is 39), so that numbers stay readable at a phone's width.
const NODE: f64 = 19.0;

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
        r#"<svg class="network-map" viewBox="0 0 {SIZE} {SIZE}" role="img" aria-labelledby="carte-titre carte-desc" xmlns="http://www.w3.org/2000/svg"><title id="carte-titre">{}</title><desc id="carte-desc">{}</desc>"#,
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
            CENTRE + r - 8.0,
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
                r#"<g class="map-node-{}"><circle class="map-node" cx="{x:.1}" cy="{y:.1}" r="{NODE}"/><text class="map-node-label" x="{x:.1}" y="{:.1}" text-anchor="middle">{number}</text></g>"#,
                net.id,
                y + 8.0
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
    fn every_network_is_a_numbered_node_and_text_is_escaped() {
        let a = net("Réseau <A>", Level::Local);
        let b = net("Réseau B", Level::European);
        let rings = vec![
            Ring {
                level: Level::Local,
                label: "Lo<c>al".into(),
                networks: vec![(1, &a)],
            },
            Ring {
                level: Level::European,
                label: "Européen".into(),
                networks: vec![(2, &b)],
            },
        ];
        let s = svg("S<M>art", "Carte", "Desc", &rings);
        // A picture, not links: the legend beside it holds the names and the links.
        assert!(s.contains(r#"role="img""#));
        assert!(!s.contains("<a "));
        assert_eq!(s.matches(r#"<circle class="map-node""#).count(), 2);
        assert!(s.contains(r#"<g class="map-node-reseau-a">"#));
        assert!(s.contains(">2</text></g>"));
        assert!(s.contains(">S&lt;M&gt;art</text>"));
        assert!(s.contains(">Lo&lt;c&gt;al</text>"));
        assert!(!s.contains("<M>") && !s.contains("<c>") && !s.contains("<A>"));
    }

    /// The centres of the nodes drawn in `svg`.
    fn centres(svg: &str) -> Vec<(f64, f64)> {
        let num = |part: &str, attr: &str| -> f64 {
            let start = part.find(attr).unwrap() + attr.len();
            let rest = &part[start..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        };
        svg.split(r#"<circle class="map-node""#)
            .skip(1)
            .map(|part| (num(part, r#"cx=""#), num(part, r#"cy=""#)))
            .collect()
    }

    #[test]
    fn nodes_do_not_overlap_on_six_rings() {
        // As many networks per ring as the example site has, and fuller maps.
        for counts in [[3, 2, 2, 1, 3, 2], [3, 3, 3, 3, 3, 3], [6, 5, 4, 6, 5, 4]] {
            let nets: Vec<Network> = (0..counts.iter().sum::<usize>())
                .map(|i| net(&format!("Réseau {i}"), Level::Local))
                .collect();
            let mut left = nets.iter();
            let mut number = 0;
            let rings: Vec<Ring> = counts
                .iter()
                .zip(Level::ALL)
                .map(|(&n, level)| Ring {
                    level: *level,
                    label: level.key().into(),
                    networks: (0..n)
                        .map(|_| {
                            number += 1;
                            (number, left.next().unwrap())
                        })
                        .collect(),
                })
                .collect();
            let c = centres(&svg("SMart", "Carte", "Desc", &rings));
            assert_eq!(c.len(), number);
            for (i, a) in c.iter().enumerate() {
                for b in &c[i + 1..] {
                    let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                    assert!(d >= 2.0 * NODE, "{counts:?}: nodes {a:?} and {b:?} overlap");
                }
            }
        }
    }
}
