//! Comparing a declared full name with the name a document shows.
//!
//! The applicant types one full name, in any script and order; the document gives a surname
//! and given names, most often from its MRZ (upper-case Latin, ICAO-transliterated, maybe cut
//! at the zone's length). Both are reduced to *words* before they are compared:
//!
//! * each side is transliterated twice, by ICAO 9303's table
//!   ([`kyc_documents::mrz::transliterate`]: `Ü` → `UE`, `Щ` → `SHCH`) and by `deunicode`
//!   (`ü` → `u`, any script to Latin), and every pair of forms is tried: the best pair counts;
//! * case is ignored, apostrophes dropped (`D'Artagnan` = `DARTAGNAN`), anything else that is
//!   not a letter or a digit separates words (`Anna-Maria` = `ANNA MARIA`);
//! * each word is reduced to its [`name_skeleton`] (ICAO's `AE`, `OE`, `UE`, `AA` read as the
//!   bare vowel), so `Müller`, `MUELLER` and `Muller` are the same word.
//!
//! The names match when the words are the same multiset (word order is ignored: `Eriksson Anna`
//! is `Anna Eriksson`), or when the letters are the same with words split differently
//! (`Mc Donald` = `MCDONALD`). When the document's name may have been cut to fit its MRZ, the
//! declared name may have words the document lacks (given names beyond the cut) and the
//! document's last word may be the start of a declared one; every word the document shows must
//! still be declared.
//!
//! Pure and total: any strings, no panics, bounded work.

use kyc_documents::mrz::transliterate;
use kyc_reading::reading::name_skeleton;
use serde::Serialize;

/// The shortest name field of an MRZ (TD1's third line): a document name whose MRZ form
/// (`SURNAME<<GIVEN<NAMES`) is at least this long may have been cut to fit.
pub const SHORTEST_MRZ_NAME_FIELD: usize = 30;
/// Above this many character pairs, the score is computed on words instead of characters
/// (keeps the work bounded for absurd inputs).
const MAX_EDIT_CELLS: usize = 1 << 20;

/// How a declared name compares with a document's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameVerdict {
    /// The same words in the same order (given names then surname, or surname first), once
    /// case, diacritics and script are set aside.
    Same,
    /// The same words in another order.
    Reordered,
    /// The same letters, split into words differently.
    Joined,
    /// The document's name is cut at the MRZ's length; every word it shows is declared.
    Truncated,
    /// Not the same name.
    Different,
    /// One side has no letters or digits to compare.
    Empty,
}

/// The result of [`compare`]: no names in it, only what a reviewer (and a log) may see.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NameComparison {
    pub matched: bool,
    /// Similarity of the two names with word order ignored, 0 to 1 (1: the same words),
    /// rounded to two decimals.
    pub score: f64,
    pub verdict: NameVerdict,
    /// Declared words the document does not show (given names beyond an MRZ's cut, or a
    /// different name).
    pub declared_only: usize,
    /// Document words the declared name does not contain.
    pub document_only: usize,
}

/// Compares a declared full name with a document's surname and given names. The document's
/// name is taken as possibly cut to fit an MRZ when its MRZ form is at least
/// [`SHORTEST_MRZ_NAME_FIELD`] characters long; use [`compare_with`] when the caller knows.
pub fn compare(declared_full_name: &str, surname: &str, given_names: &str) -> NameComparison {
    let form_length = mrz_form_length(surname, given_names);
    compare_with(
        declared_full_name,
        surname,
        given_names,
        form_length >= SHORTEST_MRZ_NAME_FIELD,
    )
}

/// Length of a name in MRZ form, `SURNAME<<GIVEN<NAMES` (just the surname without given names).
pub fn mrz_form_length(surname: &str, given_names: &str) -> usize {
    let surname = transliterate(surname).len();
    let given = transliterate(given_names).len();
    if given == 0 {
        surname
    } else {
        surname + 2 + given
    }
}

/// [`compare`], saying whether the document's name may have been cut to fit its MRZ
/// (`document_may_be_truncated`). Without truncation the comparison is symmetric: swapping the
/// declared name and a document name given as surname only gives the same result.
pub fn compare_with(
    declared_full_name: &str,
    surname: &str,
    given_names: &str,
    document_may_be_truncated: bool,
) -> NameComparison {
    let declared_forms = forms(declared_full_name);
    let surname_forms = forms(surname);
    let given_forms = forms(given_names);
    let mut best: Option<NameComparison> = None;
    for declared in &declared_forms {
        for (surname, given) in surname_forms
            .iter()
            .flat_map(|s| given_forms.iter().map(move |g| (s, g)))
        {
            let result = compare_words(declared, surname, given, document_may_be_truncated);
            if best.is_none_or(|b| rank(&result) > rank(&b)) {
                best = Some(result);
            }
        }
    }
    best.unwrap_or(NameComparison {
        matched: false,
        score: 0.0,
        verdict: NameVerdict::Empty,
        declared_only: 0,
        document_only: 0,
    })
}

/// Orders results: a match first (the plainest verdict first), then the higher score.
fn rank(result: &NameComparison) -> (bool, u8, u64) {
    let plainness = match result.verdict {
        NameVerdict::Same => 5,
        NameVerdict::Reordered => 4,
        NameVerdict::Joined => 3,
        NameVerdict::Truncated => 2,
        NameVerdict::Different => 1,
        NameVerdict::Empty => 0,
    };
    (
        result.matched,
        plainness,
        (result.score * 1000.0).round() as u64,
    )
}

/// The words of a name in each transliteration (ICAO, deunicode), each word a skeleton.
fn forms(name: &str) -> [Vec<String>; 2] {
    [
        words(&transliterate(name)),
        // Lower case first: deunicode spells some capitals differently (`Ξ` → `X`, `ξ` → `ks`).
        words(&deunicode::deunicode(&name.to_lowercase())),
    ]
}

fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if matches!(c, '\'' | '’' | '`' | 'ʼ' | '´') {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_uppercase());
        } else if !word.is_empty() {
            words.push(name_skeleton(&std::mem::take(&mut word)));
        }
    }
    if !word.is_empty() {
        words.push(name_skeleton(&word));
    }
    words
}

fn compare_words(
    declared: &[String],
    surname: &[String],
    given: &[String],
    may_be_truncated: bool,
) -> NameComparison {
    let document: Vec<&String> = given.iter().chain(surname).collect();
    if declared.is_empty() || document.is_empty() {
        return NameComparison {
            matched: false,
            score: 0.0,
            verdict: NameVerdict::Empty,
            declared_only: declared.len(),
            document_only: document.len(),
        };
    }
    let score = similarity(declared, &document);

    // Pair each document word with an equal declared word.
    let mut used = vec![false; declared.len()];
    let mut unmatched: Vec<&String> = Vec::new();
    for word in &document {
        match (0..declared.len()).find(|&i| !used[i] && &declared[i] == *word) {
            Some(i) => used[i] = true,
            None => unmatched.push(word),
        }
    }
    // The MRZ cuts the name at its end: the last word it shows (the last given name, or the
    // surname when there are none) may be the start of a declared word.
    let last_in_zone = given.last().or(surname.last());
    let mut cut_word = false;
    if may_be_truncated
        && let [word] = unmatched.as_slice()
        && Some(*word) == last_in_zone
        && let Some(i) = (0..declared.len()).find(|&i| !used[i] && declared[i].starts_with(*word))
    {
        used[i] = true;
        unmatched.clear();
        cut_word = true;
    }
    let declared_only = used.iter().filter(|u| !**u).count();
    let document_only = unmatched.len();
    let all_shown_declared = document_only == 0;

    let verdict = if all_shown_declared && declared_only == 0 && !cut_word {
        let in_order = |order: &[&String]| {
            order.len() == declared.len() && order.iter().zip(declared).all(|(a, b)| *a == b)
        };
        let surname_first: Vec<&String> = surname.iter().chain(given).collect();
        if in_order(&document) || in_order(&surname_first) {
            NameVerdict::Same
        } else {
            NameVerdict::Reordered
        }
    } else if all_shown_declared && may_be_truncated {
        NameVerdict::Truncated
    } else if joined_equal(declared, given, surname) {
        NameVerdict::Joined
    } else {
        NameVerdict::Different
    };
    NameComparison {
        matched: verdict != NameVerdict::Different,
        score,
        verdict,
        declared_only,
        document_only,
    }
}

/// Whether the declared words, run together, spell the document's name run together (given
/// names first or surname first).
fn joined_equal(declared: &[String], given: &[String], surname: &[String]) -> bool {
    let declared = name_skeleton(&declared.concat());
    let given = given.concat();
    let surname = surname.concat();
    declared == name_skeleton(&format!("{given}{surname}"))
        || declared == name_skeleton(&format!("{surname}{given}"))
}

/// 1 − edit distance / longer length, on the words sorted and joined by spaces (so order does
/// not count); on absurdly long inputs, the share of words in common (Dice) instead.
fn similarity(declared: &[String], document: &[&String]) -> f64 {
    let mut a: Vec<&str> = declared.iter().map(String::as_str).collect();
    let mut b: Vec<&str> = document.iter().map(|s| s.as_str()).collect();
    a.sort_unstable();
    b.sort_unstable();
    let (a_text, b_text) = (a.join(" "), b.join(" "));
    let (a_chars, b_chars): (Vec<char>, Vec<char>) =
        (a_text.chars().collect(), b_text.chars().collect());
    let longer = a_chars.len().max(b_chars.len());
    let score = if longer == 0 {
        1.0
    } else if a_chars.len().saturating_mul(b_chars.len()) <= MAX_EDIT_CELLS {
        1.0 - edit_distance(&a_chars, &b_chars) as f64 / longer as f64
    } else {
        let mut common = 0usize;
        let mut rest = b.clone();
        for word in &a {
            if let Some(i) = rest.iter().position(|w| w == word) {
                rest.swap_remove(i);
                common += 1;
            }
        }
        2.0 * common as f64 / (a.len() + b.len()).max(1) as f64
    };
    (score.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

/// 1 − edit distance / longer length of two short texts (document numbers), rounded to two
/// decimals; 0 when either is absurdly long.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    if a.len().saturating_mul(b.len()) > MAX_EDIT_CELLS {
        return 0.0;
    }
    let score = 1.0 - edit_distance(&a, &b) as f64 / longer as f64;
    (score.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

/// Levenshtein distance.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlaut_spellings_are_one_name() {
        for declared in ["Anna Müller", "Anna MUELLER", "anna muller", "ANNA MÜLLER"] {
            for surname in ["MUELLER", "Müller", "MULLER"] {
                let result = compare(declared, surname, "ANNA");
                assert!(result.matched, "{declared} vs {surname}: {result:?}");
                assert_eq!(result.verdict, NameVerdict::Same);
                assert_eq!(result.score, 1.0);
            }
        }
    }

    #[test]
    fn given_names_and_order() {
        let same = compare("Anna Maria Eriksson", "ERIKSSON", "ANNA MARIA");
        assert!(same.matched);
        assert_eq!(same.verdict, NameVerdict::Same);
        let surname_first = compare("Eriksson Anna Maria", "ERIKSSON", "ANNA MARIA");
        assert_eq!(surname_first.verdict, NameVerdict::Same);
        let swapped = compare("Maria Anna Eriksson", "ERIKSSON", "ANNA MARIA");
        assert!(swapped.matched);
        assert_eq!(swapped.verdict, NameVerdict::Reordered);
        assert_eq!(swapped.score, 1.0);
    }

    #[test]
    fn cyrillic_is_transliterated() {
        let result = compare("Алексей Иванов", "IVANOV", "ALEKSEI");
        assert!(result.matched, "{result:?}");
        let result = compare("Щукина Юлия", "SHCHUKINA", "IULIIA");
        assert!(result.matched, "{result:?}");
    }

    #[test]
    fn a_different_person_fails() {
        let result = compare("John Smith", "SMITH", "JANE");
        assert!(!result.matched);
        assert_eq!(result.verdict, NameVerdict::Different);
        assert!(result.score < 1.0);
        assert_eq!((result.declared_only, result.document_only), (1, 1));
        assert!(!compare("Anna Eriksson", "ERIKSSON", "ANNA MARIA").matched);
        assert!(!compare("Anna Maria Eriksson", "ERIKSSON", "ANNA").matched);
        assert!(!compare("Anna Maria Eriksson", "ERIKSON", "ANNA MARIA").matched);
    }

    #[test]
    fn a_name_cut_by_the_mrz_is_tolerated() {
        // TD1's 30 characters: ERIKSSON<<ANNA<MARIA<CHARLOTTE, a fourth name lost.
        let result = compare(
            "Anna Maria Charlotte Louise Eriksson",
            "ERIKSSON",
            "ANNA MARIA CHARLOTTE",
        );
        assert!(result.matched, "{result:?}");
        assert_eq!(result.verdict, NameVerdict::Truncated);
        assert_eq!(result.declared_only, 1);
        // ERIKSSONS<<ANNA<MARIA<CHARLOTT: cut inside the third name.
        let result = compare(
            "Anna Maria Charlotte Louise Erikssons",
            "ERIKSSONS",
            "ANNA MARIA CHARLOTT",
        );
        assert!(result.matched, "{result:?}");
        assert_eq!(result.verdict, NameVerdict::Truncated);
        // Not when the document's name is short enough to be whole.
        assert!(!compare_with("Anna Maria Eriksson", "ERIKSSON", "ANNA", false).matched);
        // A shown word that is not declared still fails.
        let result = compare(
            "Anna Maria Charlotte Louise Eriksson",
            "ERIKSSON",
            "ANNA BEATA CHARLOTTE",
        );
        assert!(!result.matched, "{result:?}");
    }

    #[test]
    fn words_split_differently_and_punctuation() {
        assert_eq!(
            compare("Ronald Mc Donald", "MCDONALD", "RONALD").verdict,
            NameVerdict::Joined
        );
        assert!(compare("Jean-Luc D'Artagnan", "DARTAGNAN", "JEAN LUC").matched);
        assert_eq!(compare("", "SMITH", "JOHN").verdict, NameVerdict::Empty);
        assert!(!compare("!!!", "SMITH", "JOHN").matched);
    }
}
