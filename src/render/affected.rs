//! Which pages a change to some records touches, for incremental rebuilds
//! (`atlas serve`). A record's page shows the names of the records it points
//! at and the cards of the records pointing at it; a card shows a record and
//! the names of the records it points at; cards appear on kind lists, term
//! pages, source pages and the pages of the records they point at. Listing
//! pages with site-wide counts (home, taxonomies, sources, search) are cheap
//! and always rendered.

use crate::schema::Kind;
use crate::site::{Site, references};
use std::collections::HashSet;

/// The pages to render after some records changed.
#[derive(Debug, Default)]
pub struct Affected {
    /// Ids of records whose pages are rendered.
    pub records: HashSet<String>,
    pub kinds: HashSet<Kind>,
    /// (taxonomy slug, term id).
    pub terms: HashSet<(String, String)>,
    /// Source ids whose pages are rendered.
    pub sources: HashSet<String>,
}

impl Affected {
    /// Pages touched by the records `changed` (ids that were edited, added
    /// or removed), looked up both in the site before and after the change.
    pub fn compute(before: &Site, after: &Site, changed: &[String]) -> Affected {
        let mut out = Affected::default();
        for site in [before, after] {
            out.add(site, changed);
        }
        out
    }

    fn add(&mut self, site: &Site, changed: &[String]) {
        let changed: Vec<usize> = changed.iter().filter_map(|id| site.index_of(id)).collect();
        // Records whose cards change: the changed ones and those showing their names.
        let mut cards: HashSet<usize> = changed.iter().copied().collect();
        for &c in &changed {
            cards.extend(site.incoming[c].iter().map(|&(_, from)| from));
        }
        for &k in &cards {
            let r = &site.records[k];
            self.records.insert(r.common.id.clone());
            self.records.extend(references(&r.data).iter().map(|x| x.target.to_string()));
            self.kinds.insert(r.kind);
            self.sources.extend(r.common.sources.iter().map(|c| c.source.clone()));
        }
        // Term pages list their members, including members by location
        // (prefectures and regions), so ask the membership itself.
        for (term, members) in &site.members {
            if members.iter().any(|m| cards.contains(m)) {
                self.terms.insert(term.clone());
            }
        }
    }
}
