//! How records point at each other and at taxonomy terms, by field: the
//! one place that says which field takes which kind of record
//! (`references`) and which taxonomy (`visit_terms`). Linking checks and
//! resolves through them; the field registry (`crate::fields`) reads them
//! to describe each field.

use super::{Kind, KindData};

/// How one record points at another; each relation has a name for both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    Owner,
    Implementer,
    ProgramPlace,
    OrganizationPlace,
    CasePlace,
    CaseOrganization,
    CaseProgram,
}

impl Relation {
    /// Heading of the list on the page of the record pointed at.
    pub fn incoming_label(self) -> &'static str {
        match self {
            Relation::Owner => "実施する支援施策",
            Relation::Implementer => "実施機関を務める支援施策",
            Relation::ProgramPlace => "この地域で利用できる支援施策",
            Relation::OrganizationPlace => "この地域の支援機関",
            Relation::CasePlace => "この地域の事例",
            Relation::CaseOrganization => "関わった事例",
            Relation::CaseProgram => "この施策を活用した事例",
        }
    }
    /// Label of the field on the page of the record pointing.
    pub fn outgoing_label(self) -> &'static str {
        match self {
            Relation::Owner => "実施主体",
            Relation::Implementer => "実施機関",
            Relation::ProgramPlace | Relation::OrganizationPlace | Relation::CasePlace => "地域",
            Relation::CaseOrganization => "関わった機関",
            Relation::CaseProgram => "活用した支援施策",
        }
    }
}

/// A field of a record, with the position in it for lists (`stages[1]`);
/// made into text only for messages, since linking visits every field of
/// every record.
#[derive(Debug, Clone, Copy)]
pub struct FieldPath {
    pub name: &'static str,
    pub position: Option<usize>,
}

impl FieldPath {
    pub fn of(name: &'static str) -> FieldPath {
        FieldPath { name, position: None }
    }
    pub fn at(name: &'static str, position: usize) -> FieldPath {
        FieldPath { name, position: Some(position) }
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some(i) => write!(f, "{}[{i}]", self.name),
            None => f.write_str(self.name),
        }
    }
}

/// One reference from a record to another, by field.
pub struct Reference<'a> {
    pub path: FieldPath,
    pub target: &'a str,
    pub allowed: &'static [Kind],
    pub relation: Relation,
}

/// Every id-reference a record makes.
pub fn references(data: &KindData) -> Vec<Reference<'_>> {
    fn list<'a>(out: &mut Vec<Reference<'a>>, name: &'static str, ids: &'a [String], allowed: &'static [Kind], relation: Relation) {
        for (i, id) in ids.iter().enumerate() {
            out.push(Reference { path: FieldPath::at(name, i), target: id, allowed, relation });
        }
    }
    let mut out = Vec::new();
    match data {
        KindData::Program(p) => {
            if let Some(owner) = &p.owner {
                out.push(Reference {
                    path: FieldPath::of("owner"),
                    target: owner,
                    allowed: &[Kind::Organization, Kind::Place],
                    relation: Relation::Owner,
                });
            }
            list(&mut out, "implementers", &p.implementers, &[Kind::Organization], Relation::Implementer);
            list(&mut out, "places", &p.places, &[Kind::Place], Relation::ProgramPlace);
        }
        KindData::Organization(o) => list(&mut out, "places", &o.places, &[Kind::Place], Relation::OrganizationPlace),
        KindData::Place(_) => {}
        KindData::Case(c) => {
            list(&mut out, "places", &c.places, &[Kind::Place], Relation::CasePlace);
            list(&mut out, "organizations", &c.organizations, &[Kind::Organization], Relation::CaseOrganization);
            list(&mut out, "programs", &c.programs, &[Kind::Program], Relation::CaseProgram);
        }
    }
    out
}

/// Calls `f(field path, taxonomy slug, value)` for every taxonomy term a
/// record uses, so that it can be checked and replaced by its canonical id.
pub fn visit_terms(data: &mut KindData, f: &mut dyn FnMut(FieldPath, &'static str, &mut String)) {
    fn list(f: &mut dyn FnMut(FieldPath, &'static str, &mut String), field: &'static str, tax: &'static str, v: &mut [String]) {
        for (i, s) in v.iter_mut().enumerate() {
            f(FieldPath::at(field, i), tax, s);
        }
    }
    match data {
        KindData::Program(p) => {
            list(f, "ministries", "ministries", &mut p.ministries);
            list(f, "support_areas", "support-areas", &mut p.support_areas);
            list(f, "support_kinds", "support-kinds", &mut p.support_kinds);
            list(f, "phases", "phases", &mut p.phases);
            list(f, "stages", "stages", &mut p.stages);
            list(f, "stage_menus", "stage-menus", &mut p.stage_menus);
        }
        KindData::Organization(o) => {
            list(f, "ministries", "ministries", &mut o.ministries);
            if let Some(t) = &mut o.organization_type {
                f(FieldPath::of("organization_type"), "organization-types", t);
            }
            if let Some(t) = &mut o.region {
                f(FieldPath::of("region"), "regions", t);
            }
            if let Some(t) = &mut o.prefecture {
                f(FieldPath::of("prefecture"), "prefectures", t);
            }
        }
        KindData::Place(p) => {
            f(FieldPath::of("place_type"), "place-types", &mut p.place_type);
            f(FieldPath::of("prefecture"), "prefectures", &mut p.prefecture);
        }
        KindData::Case(c) => {
            if let Some(t) = &mut c.record_type {
                f(FieldPath::of("record_type"), "record-types", t);
            }
            if let Some(t) = &mut c.case_type {
                f(FieldPath::of("case_type"), "case-types", t);
            }
            list(f, "stages", "stages", &mut c.stages);
        }
    }
}
