//! Which pages a change to some records touches, for incremental rebuilds
//! (`atlas serve`). What depends on a record:
//! - its own page;
//! - the pages of the records pointing at it, which show its name;
//! - its card (name, summary, facets that include the names of the records
//!   it points at), shown on its kind's list, on the pages of its terms and
//!   sources, and on the pages of the records it points at;
//! - its membership in those lists.
//!
//! So a body edit renders one record page, and listing pages with thousands
//! of cards are rendered only when a card or a membership changed. Pages
//! with site-wide figures (home, taxonomies, sources, search) are cheap and
//! always rendered.

use super::views;
use crate::site::{Relation, Site, references};
use std::collections::{BTreeSet, HashSet};

/// The pages to render after some records changed.
#[derive(Debug, Default, Clone)]
pub struct Affected {
    /// Ids of records whose pages are rendered.
    pub records: HashSet<String>,
    pub kinds: HashSet<crate::schema::Kind>,
    /// (taxonomy slug, term id).
    pub terms: HashSet<(String, String)>,
    /// Source ids whose pages are rendered.
    pub sources: HashSet<String>,
}

/// Where one record appears: its terms, sources and the records it points at.
#[derive(Default, PartialEq)]
struct Memberships {
    terms: BTreeSet<(String, String)>,
    sources: BTreeSet<String>,
    targets: BTreeSet<(Relation, String)>,
}

fn memberships(site: &Site, index: Option<usize>) -> Memberships {
    let Some(i) = index else { return Memberships::default() };
    let r = &site.records[i];
    // Term pages list their members, including members by location
    // (prefectures and regions), so ask the membership itself.
    let terms = site.members.iter().filter(|(_, m)| m.binary_search(&i).is_ok()).map(|(t, _)| t.clone()).collect();
    Memberships {
        terms,
        sources: r.common.sources.iter().map(|c| c.source.clone()).collect(),
        targets: references(&r.data).iter().map(|x| (x.relation, x.target.to_string())).collect(),
    }
}

/// A record's card as the lists show it, as text to compare; `None` if it
/// does not exist.
fn card_text(site: &Site, id: &str) -> Option<String> {
    site.get(id).map(|r| serde_json::to_string(&views::card(site, r)).unwrap_or_default())
}

impl Affected {
    /// Pages touched by the records `changed` (ids that were edited, added
    /// or removed), from the site before and after the change.
    pub fn compute(before: &Site, after: &Site, changed: &[String]) -> Affected {
        let mut out = Affected::default();
        let mut cards: BTreeSet<String> = BTreeSet::new();
        for id in changed {
            let (b, a) = (before.index_of(id), after.index_of(id));
            out.records.insert(id.clone());
            cards.insert(id.clone());
            let renamed = match (b, a) {
                (Some(b), Some(a)) => before.records[b].common.name != after.records[a].common.name,
                _ => true,
            };
            if renamed {
                // Records bearing the old or new name: their titles say their kind when names are shared.
                for (site, index) in [(before, b), (after, a)] {
                    let name = index.map(|i| site.records[i].common.name.as_str()).unwrap_or_default();
                    out.records.extend(site.records.iter().filter(|r| r.common.name == name).map(|r| r.common.id.clone()));
                }
                for (site, index) in [(before, b), (after, a)] {
                    for &(_, from) in index.map(|i| site.incoming[i].as_slice()).unwrap_or_default() {
                        let from = site.records[from].common.id.clone();
                        out.records.insert(from.clone());
                        cards.insert(from);
                    }
                }
            }
            let (mb, ma) = (memberships(before, b), memberships(after, a));
            out.terms.extend(mb.terms.symmetric_difference(&ma.terms).cloned());
            out.sources.extend(mb.sources.symmetric_difference(&ma.sources).cloned());
            out.records.extend(mb.targets.symmetric_difference(&ma.targets).map(|(_, t)| t.clone()));
        }
        for id in cards {
            if card_text(before, &id) != card_text(after, &id) {
                for site in [before, after] {
                    out.add_listings(site, site.index_of(&id));
                }
            }
        }
        out.add_stage_relatives(after);
        out
    }

    /// A stage's page lists its stage menu with counts, and a menu term's
    /// page shows the stage's programs: each is rendered with the other.
    fn add_stage_relatives(&mut self, site: &Site) {
        let stages = super::stages::TAXONOMY;
        let mut more = Vec::new();
        for tax in &site.taxonomies.0 {
            for term in &tax.terms {
                let Some(stage) = &term.stage else { continue };
                let (menu, of_stage) = ((tax.slug.clone(), term.id.clone()), (stages.to_string(), stage.clone()));
                if self.terms.contains(&of_stage) {
                    more.push(menu);
                } else if self.terms.contains(&menu) {
                    more.push(of_stage);
                }
            }
        }
        self.terms.extend(more);
    }

    /// Adds what `other` touches (changes not yet rendered by every pass).
    pub fn merge(&mut self, other: &Affected) {
        self.records.extend(other.records.iter().cloned());
        self.kinds.extend(other.kinds.iter().copied());
        self.terms.extend(other.terms.iter().cloned());
        self.sources.extend(other.sources.iter().cloned());
    }

    /// Every page that shows the card of the record at `index`.
    fn add_listings(&mut self, site: &Site, index: Option<usize>) {
        let Some(i) = index else { return };
        self.kinds.insert(site.records[i].kind);
        let m = memberships(site, Some(i));
        self.terms.extend(m.terms);
        self.sources.extend(m.sources);
        self.records.extend(m.targets.into_iter().map(|(_, t)| t));
    }
}
