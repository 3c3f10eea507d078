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

/// A taxonomy that record fields take their terms from
/// (content/taxonomies/<slug>.yaml). Typed, so that the one mapping of
/// fields to taxonomies (`visit_terms`) and everything derived from it
/// (the field registry, `crate::fields`) name only taxonomies that exist.
/// Taxonomies are data: a site may define more, which no field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TaxonomySlug {
    Ministries,
    SupportAreas,
    SupportKinds,
    Phases,
    Stages,
    OrganizationTypes,
    Regions,
    Prefectures,
    PlaceTypes,
    CaseTypes,
    StageMenus,
    RecordTypes,
}

impl TaxonomySlug {
    pub const ALL: [TaxonomySlug; 12] = [
        TaxonomySlug::Ministries,
        TaxonomySlug::SupportAreas,
        TaxonomySlug::SupportKinds,
        TaxonomySlug::Phases,
        TaxonomySlug::Stages,
        TaxonomySlug::OrganizationTypes,
        TaxonomySlug::Regions,
        TaxonomySlug::Prefectures,
        TaxonomySlug::PlaceTypes,
        TaxonomySlug::CaseTypes,
        TaxonomySlug::StageMenus,
        TaxonomySlug::RecordTypes,
    ];

    /// The slug: file name under content/taxonomies/ and first URL segment.
    pub fn as_str(self) -> &'static str {
        match self {
            TaxonomySlug::Ministries => "ministries",
            TaxonomySlug::SupportAreas => "support-areas",
            TaxonomySlug::SupportKinds => "support-kinds",
            TaxonomySlug::Phases => "phases",
            TaxonomySlug::Stages => "stages",
            TaxonomySlug::OrganizationTypes => "organization-types",
            TaxonomySlug::Regions => "regions",
            TaxonomySlug::Prefectures => "prefectures",
            TaxonomySlug::PlaceTypes => "place-types",
            TaxonomySlug::CaseTypes => "case-types",
            TaxonomySlug::StageMenus => "stage-menus",
            TaxonomySlug::RecordTypes => "record-types",
        }
    }
}

impl std::fmt::Display for TaxonomySlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for TaxonomySlug {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Calls `f(field path, taxonomy, value)` for every taxonomy term a record
/// uses, so that it can be checked and replaced by its canonical id: the
/// one place that says which field takes which taxonomy.
pub fn visit_terms(data: &mut KindData, f: &mut dyn FnMut(FieldPath, TaxonomySlug, &mut String)) {
    use TaxonomySlug as T;
    fn list(f: &mut dyn FnMut(FieldPath, TaxonomySlug, &mut String), field: &'static str, tax: TaxonomySlug, v: &mut [String]) {
        for (i, s) in v.iter_mut().enumerate() {
            f(FieldPath::at(field, i), tax, s);
        }
    }
    match data {
        KindData::Program(p) => {
            list(f, "ministries", T::Ministries, &mut p.ministries);
            list(f, "support_areas", T::SupportAreas, &mut p.support_areas);
            list(f, "support_kinds", T::SupportKinds, &mut p.support_kinds);
            list(f, "phases", T::Phases, &mut p.phases);
            list(f, "stages", T::Stages, &mut p.stages);
            list(f, "stage_menus", T::StageMenus, &mut p.stage_menus);
        }
        KindData::Organization(o) => {
            list(f, "ministries", T::Ministries, &mut o.ministries);
            if let Some(t) = &mut o.organization_type {
                f(FieldPath::of("organization_type"), T::OrganizationTypes, t);
            }
            if let Some(t) = &mut o.region {
                f(FieldPath::of("region"), T::Regions, t);
            }
            if let Some(t) = &mut o.prefecture {
                f(FieldPath::of("prefecture"), T::Prefectures, t);
            }
        }
        KindData::Place(p) => {
            f(FieldPath::of("place_type"), T::PlaceTypes, &mut p.place_type);
            f(FieldPath::of("prefecture"), T::Prefectures, &mut p.prefecture);
        }
        KindData::Case(c) => {
            if let Some(t) = &mut c.record_type {
                f(FieldPath::of("record_type"), T::RecordTypes, t);
            }
            if let Some(t) = &mut c.case_type {
                f(FieldPath::of("case_type"), T::CaseTypes, t);
            }
            list(f, "stages", T::Stages, &mut c.stages);
        }
    }
}
