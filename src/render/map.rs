//! The map at /map/: a tile-grid map of the 47 prefectures, one equal tile
//! each at the `tile: [col, row]` of content/taxonomies/prefectures.yaml,
//! shaded by how many organizations, programs and cases are located there
//! (`Site::members` of the prefecture term, which `site::link` derives from
//! places). Rendered as inline SVG by the template; every tile is a link.

use super::templates::meta;
use super::{Context, RenderError, Renderer};
use crate::output::Sink;
use crate::schema::{Kind, KindData};
use crate::site::Site;
use crate::urls::{self, SitePage};
use serde::Serialize;

/// Tile edge and the gap between tiles, in SVG user units.
const TILE: u32 = 56;
const GAP: u32 = 4;
/// Upper bounds of the shading levels 1, 2, 3, 4 (level 5 is above the
/// last); level 0 is "nothing located here".
const LEVELS: [usize; 4] = [2, 5, 10, 20];

#[derive(Debug, Clone, Serialize)]
pub struct Tile {
    pub id: String,
    pub name: String,
    /// Name without 都/府/県, as written on the tile.
    pub short: String,
    pub region: String,
    pub url: String,
    pub x: u32,
    pub y: u32,
    /// Centre of the tile, for the label.
    pub cx: u32,
    pub cy: u32,
    /// Width to squeeze a long name into, in SVG user units.
    pub squeeze: Option<u32>,
    /// Where the ★ goes: the tile's top right corner.
    pub star_x: u32,
    pub star_y: u32,
    pub organizations: usize,
    pub programs: usize,
    pub cases: usize,
    /// A ★ regional hub (地域連携自立化推進拠点) is located here.
    pub hub: bool,
    /// Shading level 0–5.
    pub level: usize,
    /// Accessible name of the tile's link.
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Legend {
    pub level: usize,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Map {
    pub width: u32,
    pub height: u32,
    pub tile: u32,
    /// In prefecture code order.
    pub tiles: Vec<Tile>,
    pub legend: Vec<Legend>,
}

pub fn level(total: usize) -> usize {
    LEVELS.iter().position(|&max| total <= max).map_or(LEVELS.len() + 1, |i| if total == 0 { 0 } else { i + 1 })
}

fn legend() -> Vec<Legend> {
    let mut out = vec![Legend { level: 0, label: "0件".into() }];
    let mut low = 1;
    for (i, &high) in LEVELS.iter().enumerate() {
        out.push(Legend { level: i + 1, label: if low == high { format!("{low}件") } else { format!("{low}〜{high}件") } });
        low = high + 1;
    }
    out.push(Legend { level: LEVELS.len() + 1, label: format!("{low}件以上") });
    out
}

pub fn map(site: &Site) -> Map {
    let Some(tax) = site.taxonomies.get("prefectures") else {
        return Map { width: 0, height: 0, tile: TILE, tiles: Vec::new(), legend: legend() };
    };
    let regions = site.taxonomies.get("regions");
    let step = TILE + GAP;
    let tiles: Vec<Tile> = tax
        .terms
        .iter()
        .filter_map(|t| {
            let [col, row] = t.tile?;
            let members = site.members("prefectures", &t.id);
            let count = |kind: Kind| members.iter().filter(|&&i| site.records[i].kind == kind).count();
            let (organizations, programs, cases) = (count(Kind::Organization), count(Kind::Program), count(Kind::Case));
            let hub = members.iter().any(|&i| matches!(&site.records[i].data, KindData::Organization(o) if o.regional_hub));
            let mut label = format!("{}: 支援機関{organizations}件、支援施策{programs}件、事例{cases}件", t.name);
            if hub {
                label.push_str("、地域連携自立化推進拠点あり");
            }
            let short = t.name.strip_suffix(['都', '府', '県']).unwrap_or(&t.name).to_string();
            let (x, y) = (col * step, row * step);
            Some(Tile {
                id: t.id.clone(),
                short: short.clone(),
                name: t.name.clone(),
                region: t.region.as_deref().and_then(|r| regions?.term(r)).map(|r| r.name.clone()).unwrap_or_default(),
                url: urls::term("prefectures", &t.id),
                x,
                y,
                cx: x + TILE / 2,
                cy: y + TILE / 2,
                squeeze: (short.chars().count() > 2).then_some(TILE - 8),
                star_x: x + TILE - 10,
                star_y: y + 14,
                organizations,
                programs,
                cases,
                hub,
                level: level(organizations + programs + cases),
                label,
            })
        })
        .collect();
    let width = tiles.iter().map(|t| t.x + TILE).max().unwrap_or(0);
    let height = tiles.iter().map(|t| t.y + TILE).max().unwrap_or(0);
    Map { width, height, tile: TILE, tiles, legend: legend() }
}

pub struct MapRenderer;

impl Renderer for MapRenderer {
    fn name(&self) -> &'static str {
        "map"
    }
    fn pages(&self, _: &Site) -> Vec<SitePage> {
        vec![SitePage::html(urls::map())]
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let site = ctx.site;
        let mut c = tera::Context::new();
        c.insert("map", &map(site));
        c.insert("regions_url", &urls::taxonomy("regions"));
        let url = urls::map();
        let title = "地図から探す".to_string();
        let desc = "47都道府県のタイル地図で、各都道府県に所在する支援機関・支援施策・事例の件数と地域連携自立化推進拠点（★）を示します。";
        let page = meta(site, title.clone(), desc.into(), url.clone(), &[("地図".into(), url.clone())]);
        ctx.templates.write(sink, &urls::file_for(&url), "map.html", c, &page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_match_the_legend() {
        assert_eq!([0, 1, 2, 3, 5, 6, 10, 11, 20, 21, 500].map(level), [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        let l = legend();
        assert_eq!(l.len(), 6);
        assert_eq!(l[1].label, "1〜2件");
        assert_eq!(l[5].label, "21件以上");
    }
}
