//! The worries a leader may name: the vocabulary, its labels and how people
//! write them.

/// The worries a leader may name, up to [`MAX_WORRIES`].
pub const WORRIES: [&str; 9] = [
    "pipeline",
    "win-rate",
    "key-person-dependence",
    "churn",
    "expansion",
    "forecast",
    "cost-of-sale",
    "large-accounts",
    "team-performance",
];

/// What each worry means, for the quiz, the template and the result.
pub const WORRY_LABELS: [&str; 9] = [
    "too little new pipeline",
    "losing too many deals",
    "depending on a few people, such as star sellers or a founder",
    "customers leaving",
    "existing customers not growing",
    "forecasts that miss",
    "selling costs too much per customer",
    "winning or keeping large accounts",
    "the sales team's performance, hiring or coaching",
];

pub const MAX_WORRIES: usize = 2;
/// The question the quiz asks for worries.
pub const WORRIES_QUESTION: &str = "What worries you most about sales today? Up to two.";

/// The index of a worry as people write it, if it is one.
pub fn worry_index(value: &str) -> Option<usize> {
    let v = value.trim().as_bytes();
    // Any case; a space or an underscore stands for the dash.
    let same = |w: &str| {
        w.len() == v.len()
            && w.bytes().zip(v).all(|(w, &c)| {
                let c = if c == b' ' || c == b'_' { b'-' } else { c };
                w == c.to_ascii_lowercase()
            })
    };
    WORRIES.iter().position(|w| same(w))
}
