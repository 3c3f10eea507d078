//! Dates and fiscal years. Fiscal years are stored as Western years and shown
//! as 令和5年度（2023年度）. The parser accepts 和暦 the way the sources write
//! it: 元年, full-width digits, and years written past an era's end (平成33年度
//! is FY2021, as documents drafted before 2019 say).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(pub i32);

/// Eras, newest first: name, first (Western) year, one-letter abbreviation.
const ERAS: [(&str, i32, char); 4] = [("令和", 2019, 'R'), ("平成", 1989, 'H'), ("昭和", 1926, 'S'), ("大正", 1912, 'T')];

impl FiscalYear {
    pub fn parse(input: &str) -> Result<FiscalYear, String> {
        let s: String = input.nfkc().filter(|c| !c.is_whitespace()).collect();
        let s = s.trim_end_matches("年度").trim_end_matches('年');
        let s = s.strip_prefix("FY").or_else(|| s.strip_prefix("fy")).unwrap_or(s);
        let year = if let Ok(y) = s.parse::<i32>() {
            y
        } else {
            let (base, rest) = ERAS
                .iter()
                .find_map(|(name, start, abbr)| s.strip_prefix(name).or_else(|| s.strip_prefix(*abbr)).map(|rest| (*start, rest)))
                .ok_or_else(|| format!("`{input}` is not a fiscal year"))?;
            let n = if rest == "元" { 1 } else { rest.parse::<i32>().map_err(|_| format!("`{input}` is not a fiscal year"))? };
            if !(1..=99).contains(&n) {
                return Err(format!("`{input}`: era year must be between 1 and 99"));
            }
            base + n - 1
        };
        if !(1900..=2100).contains(&year) {
            return Err(format!("`{input}`: fiscal year {year} is out of range (1900–2100)"));
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
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Str(String),
        }
        match Raw::deserialize(d).map_err(|_| serde::de::Error::custom("expected a fiscal year such as 2023 or 令和5年度"))? {
            Raw::Int(y) => FiscalYear::parse(&y.to_string()),
            Raw::Str(s) => FiscalYear::parse(&s),
        }
        .map_err(serde::de::Error::custom)
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
    pub fn parse(input: &str) -> Result<Date, String> {
        let s = input.trim();
        let shape_ok = s.len() == 10 && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        if !shape_ok {
            return Err(format!("`{input}` is not a date; write it as YYYY-MM-DD, e.g. 2024-04-01"));
        }
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Date).map_err(|_| format!("`{input}` is not a real calendar date"))
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
        let s = String::deserialize(d).map_err(|_| serde::de::Error::custom("expected a date written YYYY-MM-DD"))?;
        Date::parse(&s).map_err(serde::de::Error::custom)
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
    fn dates_are_strict() {
        assert!(Date::parse("2017-13-45").is_err());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-2-1").is_err());
        assert_eq!(Date::parse("2024-02-29").unwrap().japanese(), "2024年2月29日");
    }
}
