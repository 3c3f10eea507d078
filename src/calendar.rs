//! Dates and fiscal years. Fiscal years are stored as Western years and shown
//! as 令和5年度（2023年度）. The parser accepts 和暦 the way the sources write
//! it: 元年, full-width digits, and years written past an era's end (平成33年度
//! is FY2021, as documents drafted before 2019 say).

use crate::messages::{Message, carry};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(pub i32);

/// Eras, newest first: name, first (Western) year, one-letter abbreviation.
const ERAS: [(&str, i32, char); 4] = [("令和", 2019, 'R'), ("平成", 1989, 'H'), ("昭和", 1926, 'S'), ("大正", 1912, 'T')];

impl FiscalYear {
    pub fn parse(input: &str) -> Result<FiscalYear, Message> {
        let s: String = input.nfkc().filter(|c| !c.is_whitespace()).collect();
        let s = s.trim_end_matches("年度").trim_end_matches('年');
        let s = s.strip_prefix("FY").or_else(|| s.strip_prefix("fy")).unwrap_or(s);
        let year = if let Ok(y) = s.parse::<i32>() {
            y
        } else {
            let (base, rest) = ERAS
                .iter()
                .find_map(|(name, start, abbr)| s.strip_prefix(name).or_else(|| s.strip_prefix(*abbr)).map(|rest| (*start, rest)))
                .ok_or_else(|| Message::NotAFiscalYear { value: input.to_string() })?;
            let n =
                if rest == "元" { 1 } else { rest.parse::<i32>().map_err(|_| Message::NotAFiscalYear { value: input.to_string() })? };
            if !(1..=99).contains(&n) {
                return Err(Message::EraYearOutOfRange { value: input.to_string() });
            }
            base + n - 1
        };
        if !(1900..=2100).contains(&year) {
            return Err(Message::FiscalYearOutOfRange { value: input.to_string(), year });
        }
        Ok(FiscalYear(year))
    }

    /// 和暦 form of the fiscal year, e.g. 令和5年度 or 令和元年度.
    pub fn wareki(self) -> String {
        let (name, start, _) = ERAS.iter().find(|(_, start, _)| self.0 >= *start).copied().unwrap_or(ERAS[3]);
        let n = self.0 - start + 1;
        if n == 1 { format!("{name}元年度") } else { format!("{name}{n}年度") }
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}（{}年度）", self.wareki(), self.0)
    }
}

impl<'de> Deserialize<'de> for FiscalYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_scalar(d, Message::NotAFiscalYear { value: String::new() }, FiscalYear::parse)
    }
}

impl Serialize for FiscalYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.0)
    }
}

impl schemars::JsonSchema for FiscalYear {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FiscalYear".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "年度。西暦（2023）または和暦（令和5年度、平成33年度、令和元年度）で書く。",
            "anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2100}, {"type": "string"}]
        })
    }
}

/// A calendar date written YYYY-MM-DD; impossible dates are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub chrono::NaiveDate);

impl Date {
    pub fn parse(input: &str) -> Result<Date, Message> {
        let s = input.trim();
        let shape_ok = s.len() == 10 && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        if !shape_ok {
            return Err(Message::NotADate { value: input.to_string() });
        }
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Date).map_err(|_| Message::ImpossibleDate { value: input.to_string() })
    }
    pub fn iso(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }
    /// 2026年11月22日
    pub fn japanese(self) -> String {
        use chrono::Datelike;
        format!("{}年{}月{}日", self.0.year(), self.0.month(), self.0.day())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d).map_err(|_| serde::de::Error::custom(carry(&Message::NotADate { value: String::new() })))?;
        Date::parse(&s).map_err(|m| serde::de::Error::custom(carry(&m)))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "format": "date", "description": "日付（YYYY-MM-DD）"})
    }
}

/// When a fact holds, in a machine-readable form: a day (2015-04-30), a
/// month (2023-04), a calendar year (2020), a fiscal year (FY2023: April
/// 2023 to March 2024) or a period between two of these (2020-06/2021-02),
/// ISO 8601 except for the FY prefix, which ISO lacks. Only what the source
/// states: a fiscal year or month stays one, never a guessed day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AsOfDate {
    pub start: AsOfPoint,
    /// The end of a period, when the fact covers one.
    pub end: Option<AsOfPoint>,
}

/// One end of an `AsOfDate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AsOfPoint {
    Day(Date),
    Month(i32, u32),
    Year(i32),
    FiscalYear(FiscalYear),
}

/// The pattern of `AsOfDate`, shared by the parser's error message and the
/// JSON Schema.
pub const AS_OF_DATE_PATTERN: &str = r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|FY[0-9]{4})(/([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|FY[0-9]{4}))?$";

impl AsOfPoint {
    fn parse(s: &str) -> Option<AsOfPoint> {
        let year = |y: &str| y.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y) && y.to_string().len() == 4);
        if let Some(fy) = s.strip_prefix("FY") {
            return year(fy).map(|y| AsOfPoint::FiscalYear(FiscalYear(y)));
        }
        match s.len() {
            4 => year(s).map(AsOfPoint::Year),
            7 if s.as_bytes()[4] == b'-' => {
                let month = s[5..].parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
                year(&s[..4]).map(|y| AsOfPoint::Month(y, month))
            }
            10 => Date::parse(s).ok().map(AsOfPoint::Day),
            _ => None,
        }
    }

    /// The Western year the point names (a fiscal year's own number).
    pub fn year(self) -> i32 {
        use chrono::Datelike;
        match self {
            AsOfPoint::Day(d) => d.0.year(),
            AsOfPoint::Month(y, _) | AsOfPoint::Year(y) => y,
            AsOfPoint::FiscalYear(fy) => fy.0,
        }
    }
}

impl fmt::Display for AsOfPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsOfPoint::Day(d) => f.write_str(&d.iso()),
            AsOfPoint::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            AsOfPoint::Year(y) => write!(f, "{y:04}"),
            AsOfPoint::FiscalYear(fy) => write!(f, "FY{:04}", fy.0),
        }
    }
}

impl AsOfDate {
    pub fn parse(input: &str) -> Result<AsOfDate, Message> {
        let bad = || Message::NotAnAsOfDate { value: input.to_string() };
        let s = input.trim();
        let (start, end) = match s.split_once('/') {
            Some((a, b)) => (AsOfPoint::parse(a).ok_or_else(bad)?, Some(AsOfPoint::parse(b).ok_or_else(bad)?)),
            None => (AsOfPoint::parse(s).ok_or_else(bad)?, None),
        };
        if end.is_some_and(|e| e.year() < start.year()) {
            return Err(Message::PeriodReversed { value: input.to_string() });
        }
        Ok(AsOfDate { start, end })
    }

    /// The Western years it names (both ends of a period).
    pub fn years(&self) -> Vec<i32> {
        let mut out = vec![self.start.year()];
        out.extend(self.end.map(AsOfPoint::year));
        out
    }
}

impl fmt::Display for AsOfDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.end {
            Some(end) => write!(f, "{}/{end}", self.start),
            None => write!(f, "{}", self.start),
        }
    }
}

impl<'de> Deserialize<'de> for AsOfDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_scalar(d, Message::NotAnAsOfDate { value: String::new() }, AsOfDate::parse)
    }
}

impl Serialize for AsOfDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl schemars::JsonSchema for AsOfDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AsOfDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": AS_OF_DATE_PATTERN,
            "description": "時点（西暦）。日は YYYY-MM-DD、月は YYYY-MM、年は YYYY、年度は FY と西暦年（FY2023 は令和5年度）、期間は2つを / でつなぐ（2020-06/2021-02）。資料に書かれた細かさで書き、書かれていない日や月は補わない。"
        })
    }
}

/// The Western years a label written as the sources write dates names:
/// 和暦 with its era (平成27年4月末, 令和５年度, R4年度) and four-digit
/// years (2021年度, 2023-04, 2016.11). A year without its era (27年5月)
/// names nothing that can be checked.
pub fn years_in_label(label: &str) -> Vec<i32> {
    let s: String = label.nfkc().collect();
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        let era = ERAS.iter().find_map(|(name, start, abbr)| {
            let after = rest.strip_prefix(name).or_else(|| rest.strip_prefix(*abbr))?;
            let preceded_by_letter = i > 0 && chars[i - 1].is_ascii_alphabetic();
            (!preceded_by_letter).then_some((*start, rest.len() - after.len(), after))
        });
        if let Some((start, taken, after)) = era {
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            let (n, number) = match after.strip_prefix('元') {
                Some(_) => (Some(1), "元"),
                None => (digits.parse::<i32>().ok(), digits.as_str()),
            };
            if let Some(n) = n.filter(|_| after[number.len()..].starts_with('年')) {
                out.push(start + n - 1);
                i += rest[..taken].chars().count() + number.chars().count();
                continue;
            }
        }
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let digits: String = chars[i..].iter().take_while(|c| c.is_ascii_digit()).collect();
            if digits.len() == 4
                && let Ok(y) = digits.parse::<i32>()
                && (1900..=2100).contains(&y)
            {
                out.push(y);
            }
            i += digits.chars().count();
            continue;
        }
        i += 1;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Reads a value that authors write as a number or as text (`2023`,
/// `令和5年度`) and parses its text; `not_a` is the message for anything
/// else (a list, a mapping).
fn parse_scalar<'de, D: Deserializer<'de>, T>(d: D, not_a: Message, parse: fn(&str) -> Result<T, Message>) -> Result<T, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Int(i64),
        Str(String),
    }
    let raw = Raw::deserialize(d).map_err(|_| serde::de::Error::custom(carry(&not_a)))?;
    match raw {
        Raw::Int(y) => parse(&y.to_string()),
        Raw::Str(s) => parse(&s),
    }
    .map_err(|m| serde::de::Error::custom(carry(&m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wareki_forms() {
        assert_eq!(FiscalYear::parse("令和5年度"), Ok(FiscalYear(2023)));
        assert_eq!(FiscalYear::parse("令和元年度"), Ok(FiscalYear(2019)));
        assert_eq!(FiscalYear::parse("平成３３年度"), Ok(FiscalYear(2021)));
        assert_eq!(FiscalYear::parse("平成２７年度"), Ok(FiscalYear(2015)));
        assert_eq!(FiscalYear::parse("H24"), Ok(FiscalYear(2012)));
        assert_eq!(FiscalYear::parse("2023年度"), Ok(FiscalYear(2023)));
        assert_eq!(FiscalYear::parse("２０２３"), Ok(FiscalYear(2023)));
        assert!(FiscalYear::parse("来年度").is_err());
        assert!(FiscalYear::parse("令和0年度").is_err());
    }

    #[test]
    fn display() {
        assert_eq!(FiscalYear(2023).to_string(), "令和5年度（2023年度）");
        assert_eq!(FiscalYear(2019).to_string(), "令和元年度（2019年度）");
        assert_eq!(FiscalYear(2015).to_string(), "平成27年度（2015年度）");
    }

    #[test]
    fn as_of_dates() {
        for ok in ["2015-04-30", "2023-04", "2020", "FY2023", "2020-06/2021-02", "FY2012/FY2016"] {
            assert_eq!(AsOfDate::parse(ok).map(|d| d.to_string()), Ok(ok.to_string()));
        }
        for bad in ["2015-4", "令和5年度", "2015-02-30", "2021/2020", "FY23", "2023-13", ""] {
            assert!(AsOfDate::parse(bad).is_err(), "{bad}");
        }
        let pattern = regex::Regex::new(AS_OF_DATE_PATTERN).unwrap();
        assert!(pattern.is_match("2020-06/2021-02") && pattern.is_match("FY2023") && !pattern.is_match("R5"));
        assert_eq!(AsOfDate::parse("FY2012/FY2016").unwrap().years(), vec![2012, 2016]);
    }

    #[test]
    fn years_named_by_labels() {
        assert_eq!(years_in_label("平成27年4月末時点"), vec![2015]);
        assert_eq!(years_in_label("令和５年度予算"), vec![2023]);
        assert_eq!(years_in_label("令和元年度"), vec![2019]);
        assert_eq!(years_in_label("R4年度"), vec![2022]);
        assert_eq!(years_in_label("2021年度実績"), vec![2021]);
        assert_eq!(years_in_label("調査期間：2020年6月～2021年2月"), vec![2020, 2021]);
        assert_eq!(years_in_label("2023-04"), vec![2023]);
        assert!(years_in_label("27年5月現在").is_empty());
        assert!(years_in_label("今回調査").is_empty());
        assert!(years_in_label("1,024百万円").is_empty());
    }

    #[test]
    fn dates_are_strict() {
        assert!(Date::parse("2017-13-45").is_err());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-2-1").is_err());
        assert_eq!(Date::parse("2024-02-29").unwrap().japanese(), "2024年2月29日");
    }
}
