use serde::{Deserialize, Serialize};

/// What a figure counts, as fixed by claims.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Killed,
    Wounded,
    KilledOrWounded,
    Casualties,
    Missing,
    Captured,
    Deployed,
    Displaced,
    Arrested,
    Detained,
    Evacuated,
    Affected,
    Injured,
    Protesters,
    Money,
    #[default]
    Other,
}

impl Measure {
    pub const ALL: [Measure; 16] = [
        Measure::Killed,
        Measure::Wounded,
        Measure::KilledOrWounded,
        Measure::Casualties,
        Measure::Missing,
        Measure::Captured,
        Measure::Deployed,
        Measure::Displaced,
        Measure::Arrested,
        Measure::Detained,
        Measure::Evacuated,
        Measure::Affected,
        Measure::Injured,
        Measure::Protesters,
        Measure::Money,
        Measure::Other,
    ];

    /// The snake_case name used in records and data tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Killed => "killed",
            Measure::Wounded => "wounded",
            Measure::KilledOrWounded => "killed_or_wounded",
            Measure::Casualties => "casualties",
            Measure::Missing => "missing",
            Measure::Captured => "captured",
            Measure::Deployed => "deployed",
            Measure::Displaced => "displaced",
            Measure::Arrested => "arrested",
            Measure::Detained => "detained",
            Measure::Evacuated => "evacuated",
            Measure::Affected => "affected",
            Measure::Injured => "injured",
            Measure::Protesters => "protesters",
            Measure::Money => "money",
            Measure::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.as_str()), Some(m));
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{}\"", m.as_str()));
        }
        assert_eq!(Measure::parse("dead"), None);
    }
}
