//! `kycd eval reading`: how well documents are read on a labelled specimen set — MRZ found and
//! fully correct, wrong-but-valid MRZ readings (the worst error), MRZ field accuracy, barcode
//! decode rate, printed-zone field accuracy, portrait found rate, kind and issuer, and the time
//! a document takes — for clean and degraded documents and per kind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use kyc_core::Policy;
use kyc_documents::mrz::transliterate;
use kyc_reading::document::{Photo, Reader};
use kyc_reading::mrz::MrzReader;
use kyc_reading::reading::{DocumentReading, date_text, names_agree};
use kyc_vision::intake::intake_luma;
use serde::{Deserialize, Serialize};

#[derive(clap::Args)]
#[command(
    after_help = "Exit status: 0 when every floor given holds, 1 when one does not, 2 on \
usage error or unreadable labels.\n\nFloors apply to clean documents (no defect on any side), \
except --max-wrong-valid, which applies to every document."
)]
pub struct ReadingArgs {
    /// Directory holding labels.json and the images it names (as `kycd specimen` writes).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Print the result as JSON (with every document's outcome).
    #[arg(long)]
    json: bool,
    /// The date the set was generated around (`kycd specimen --today`; default: today, UTC).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    today: Option<time::Date>,
    /// Worker threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Read the whole set this many times and keep each document's fastest time: on a
    /// machine whose speed drifts, the steadiest estimate of what reading costs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    repeat: usize,
    /// Print the documents with a reading mistake.
    #[arg(long)]
    show_mistakes: bool,
    /// Fail when fewer clean MRZs than this share are read fully correctly.
    #[arg(long, value_name = "R")]
    min_mrz_exact: Option<f64>,
    /// Fail when more MRZs than this are read wrong but valid (over every document).
    #[arg(long, value_name = "N")]
    max_wrong_valid: Option<usize>,
    /// Fail when fewer clean barcodes than this share are decoded.
    #[arg(long, value_name = "R")]
    min_barcode: Option<f64>,
    /// Fail when fewer clean printed-zone fields than this share are read correctly.
    #[arg(long, value_name = "R")]
    min_printed: Option<f64>,
    /// Fail when fewer clean portraits than this share are found.
    #[arg(long, value_name = "R")]
    min_portrait: Option<f64>,
}

#[derive(Deserialize)]
struct LabelEntry {
    file: String,
    kind: String,
    side: String,
    seed: u64,
    #[serde(default)]
    defects: Vec<serde_json::Value>,
    identity: Identity,
    #[serde(default)]
    mrz_lines: Vec<String>,
    barcode_payload: Option<String>,
}

#[derive(Deserialize, Clone)]
struct Identity {
    surname: String,
    given_names: String,
    surname_latin: Option<String>,
    given_names_latin: Option<String>,
    birth_date: String,
    document_number: String,
    expiry_date: String,
    issuing_country: String,
}

/// One specimen: its front (or data page) and back, as labelled.
struct Specimen<'a> {
    front: &'a LabelEntry,
    back: Option<&'a LabelEntry>,
}

/// What happened to one document.
#[derive(Serialize, Clone, Default)]
struct Outcome {
    front: String,
    groups: Vec<String>,
    seconds: f64,
    /// Photos read: the front, and a card's back.
    photos: usize,
    kind_correct: bool,
    country_correct: bool,
    mrz_expected: bool,
    mrz_found: bool,
    mrz_exact: bool,
    mrz_wrong_valid: bool,
    /// Read exactly and trusted by the glyph grid alone.
    mrz_by_glyphs: bool,
    mrz_fields_correct: usize,
    barcode_expected: bool,
    barcode_decoded: bool,
    barcode_correct: bool,
    printed_fields_correct: usize,
    portrait_found: bool,
    error: Option<String>,
}

/// The counts of one group of documents.
#[derive(Serialize, Default)]
struct Group {
    documents: usize,
    kind_correct: usize,
    country_correct: usize,
    mrz_documents: usize,
    mrz_found: usize,
    mrz_exact: usize,
    mrz_wrong_valid: usize,
    mrz_by_glyphs: usize,
    mrz_fields_correct: usize,
    barcode_documents: usize,
    barcode_decoded: usize,
    barcode_correct: usize,
    printed_fields_correct: usize,
    portrait_found: usize,
    median_seconds: f64,
    /// The median over documents of the seconds per photo.
    median_seconds_per_photo: f64,
    #[serde(skip)]
    seconds: Vec<f64>,
    #[serde(skip)]
    seconds_per_photo: Vec<f64>,
}

/// The five fields compared.
const FIELDS: usize = 5;

impl Group {
    fn add(&mut self, outcome: &Outcome) {
        self.documents += 1;
        self.kind_correct += usize::from(outcome.kind_correct);
        self.country_correct += usize::from(outcome.country_correct);
        if outcome.mrz_expected {
            self.mrz_documents += 1;
            self.mrz_found += usize::from(outcome.mrz_found);
            self.mrz_exact += usize::from(outcome.mrz_exact);
            self.mrz_by_glyphs += usize::from(outcome.mrz_by_glyphs);
            self.mrz_fields_correct += outcome.mrz_fields_correct;
        }
        self.mrz_wrong_valid += usize::from(outcome.mrz_wrong_valid);
        if outcome.barcode_expected {
            self.barcode_documents += 1;
            self.barcode_decoded += usize::from(outcome.barcode_decoded);
            self.barcode_correct += usize::from(outcome.barcode_correct);
        }
        self.printed_fields_correct += outcome.printed_fields_correct;
        self.portrait_found += usize::from(outcome.portrait_found);
        self.seconds.push(outcome.seconds);
        self.seconds_per_photo
            .push(outcome.seconds / outcome.photos.max(1) as f64);
    }

    fn finish(&mut self) {
        self.median_seconds = median(&mut self.seconds);
        self.median_seconds_per_photo = median(&mut self.seconds_per_photo);
    }

    fn mrz_exact_rate(&self) -> Option<f64> {
        rate(self.mrz_exact, self.mrz_documents)
    }
    fn barcode_rate(&self) -> Option<f64> {
        rate(self.barcode_decoded, self.barcode_documents)
    }
    fn printed_rate(&self) -> Option<f64> {
        rate(self.printed_fields_correct, self.documents * FIELDS)
    }
    fn portrait_rate(&self) -> Option<f64> {
        rate(self.portrait_found, self.documents)
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[derive(Serialize)]
struct Summary {
    groups: BTreeMap<String, Group>,
    mistakes: Vec<Outcome>,
}

pub fn run(args: ReadingArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let entries: Vec<LabelEntry> = super::read_labels(&args.dir)?;
    let specimens = pair_sides(&entries);
    let today = args.today.unwrap_or_else(super::today);
    let reader = Reader::load()?;
    // Warmed up as a running service's reader is: a network is planned for each new input
    // shape on first use (a few hundred milliseconds each), so the usual shapes are planned
    // ahead and the first document of each kind is read once untimed.
    reader.prepare()?;
    let mut kinds_seen: Vec<&str> = Vec::new();
    for specimen in &specimens {
        if !kinds_seen.contains(&specimen.front.kind.as_str()) {
            kinds_seen.push(&specimen.front.kind);
            read_one(&reader, &args.dir, specimen, today);
        }
    }
    let mut outcomes = super::parallel_map(&specimens, args.jobs, "reading", |specimen| {
        read_one(&reader, &args.dir, specimen, today)
    });
    // Later passes only time: reading is deterministic.
    for _ in 1..args.repeat.max(1) {
        let again = super::parallel_map(&specimens, args.jobs, "reading again", |specimen| {
            read_one(&reader, &args.dir, specimen, today)
        });
        for (outcome, again) in outcomes.iter_mut().zip(again) {
            outcome.seconds = outcome.seconds.min(again.seconds);
        }
    }
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut mistakes = Vec::new();
    for outcome in &outcomes {
        for group in &outcome.groups {
            groups.entry(group.clone()).or_default().add(outcome);
        }
        let mistaken = outcome.error.is_some()
            || (outcome.mrz_expected && !outcome.mrz_exact)
            || outcome.mrz_wrong_valid
            || (outcome.barcode_expected && !outcome.barcode_correct)
            || outcome.printed_fields_correct < FIELDS
            || !outcome.portrait_found;
        if mistaken {
            mistakes.push(outcome.clone());
        }
    }
    groups.values_mut().for_each(Group::finish);
    let summary = Summary { groups, mistakes };
    if args.json {
        super::print_json(&summary)?;
    } else {
        print_table(&summary, args.show_mistakes, args.repeat);
    }

    let mut failures = Vec::new();
    let empty = Group::default();
    let clean = summary.groups.get("clean").unwrap_or(&empty);
    let floors = [
        (
            "clean MRZ fully correct",
            args.min_mrz_exact,
            clean.mrz_exact_rate(),
        ),
        (
            "clean barcodes decoded",
            args.min_barcode,
            clean.barcode_rate(),
        ),
        (
            "clean printed fields correct",
            args.min_printed,
            clean.printed_rate(),
        ),
        (
            "clean portraits found",
            args.min_portrait,
            clean.portrait_rate(),
        ),
    ];
    for (what, floor, value) in floors {
        if let (Some(floor), Some(value)) = (floor, value)
            && value < floor
        {
            failures.push(format!("{what} {value:.3} < {floor}"));
        }
    }
    let wrong_valid = summary.groups.get("all").map_or(0, |g| g.mrz_wrong_valid);
    if let Some(ceiling) = args.max_wrong_valid.filter(|c| wrong_valid > *c) {
        failures.push(format!(
            "wrong-but-valid MRZ readings {wrong_valid} > {ceiling}"
        ));
    }
    if let Some(error) = outcomes.iter().find_map(|o| o.error.as_ref()) {
        failures.push(format!("a document could not be read: {error}"));
    }
    Ok(super::eval::floors_verdict(&failures))
}

/// Pairs each specimen's sides by seed, in the labels' order.
fn pair_sides(entries: &[LabelEntry]) -> Vec<Specimen<'_>> {
    let mut by_seed: BTreeMap<u64, Vec<&LabelEntry>> = BTreeMap::new();
    for entry in entries {
        by_seed.entry(entry.seed).or_default().push(entry);
    }
    by_seed
        .into_values()
        .filter_map(|sides| {
            let front = *sides.iter().find(|e| e.side != "back")?;
            let back = sides.iter().find(|e| e.side == "back").copied();
            Some(Specimen { front, back })
        })
        .collect()
}

fn read_one(reader: &Reader, dir: &Path, specimen: &Specimen, today: time::Date) -> Outcome {
    let front = specimen.front;
    let clean = front.defects.is_empty() && specimen.back.is_none_or(|b| b.defects.is_empty());
    let mut outcome = Outcome {
        front: front.file.clone(),
        groups: vec![
            "all".to_string(),
            if clean { "clean" } else { "degraded" }.to_string(),
            front.kind.clone(),
        ],
        mrz_expected: !truth_lines(specimen).is_empty(),
        barcode_expected: specimen
            .back
            .and_then(|b| b.barcode_payload.as_ref())
            .is_some(),
        photos: 1 + usize::from(specimen.back.is_some()),
        ..Outcome::default()
    };
    // Timed from the files' bytes: intake and the luma-only decode are part of reading.
    let started = Instant::now();
    let upload = Policy::default().upload;
    let load = |entry: &LabelEntry| {
        let bytes =
            std::fs::read(dir.join(&entry.file)).map_err(|err| format!("{}: {err}", entry.file))?;
        intake_luma(&bytes, &upload)
            .map(|accepted| Photo::from_grey(&accepted.image))
            .map_err(|finding| format!("{}: refused, {}", entry.file, finding.code))
    };
    let images =
        load(front).and_then(|f| specimen.back.map(load).transpose().map(|back| (f, back)));
    let (front_image, back_image) = match images {
        Ok(images) => images,
        Err(error) => {
            outcome.error = Some(error);
            return outcome;
        }
    };
    let reading = match reader.read_document(&front_image, back_image.as_ref(), today) {
        Ok(reading) => reading,
        Err(error) => {
            outcome.error = Some(error.to_string());
            return outcome;
        }
    };
    outcome.seconds = started.elapsed().as_secs_f64();
    score(&mut outcome, &reading, specimen);
    outcome
}

fn truth_lines(specimen: &Specimen) -> Vec<String> {
    [Some(specimen.front), specimen.back]
        .into_iter()
        .flatten()
        .map(|entry| entry.mrz_lines.clone())
        .find(|lines| !lines.is_empty())
        .unwrap_or_default()
}

fn score(outcome: &mut Outcome, reading: &DocumentReading, specimen: &Specimen) {
    let identity = &specimen.front.identity;
    let kind = reading
        .kind
        .map_or("unknown".to_string(), |k| k.as_str().replace('_', "-"));
    outcome.kind_correct = kind == specimen.front.kind;
    outcome.country_correct = reading
        .issuing_country
        .is_some_and(|c| c.alpha3() == identity.issuing_country);

    if let Some(mrz) = &reading.mrz {
        outcome.mrz_found = true;
        let right = mrz.lines == truth_lines(specimen);
        outcome.mrz_exact = right && mrz.trusted();
        outcome.mrz_wrong_valid = !right && mrz.trusted();
        outcome.mrz_by_glyphs = outcome.mrz_exact && mrz.reader == MrzReader::GlyphGrid;
        let fields = &mrz.fields;
        outcome.mrz_fields_correct = [
            same_name(fields.surname.as_deref(), identity, false),
            same_name(fields.given_names.as_deref(), identity, true),
            same_text(fields.document_number.as_deref(), &identity.document_number),
            fields.birth_date.map(date_text).as_deref() == Some(identity.birth_date.as_str()),
            fields.expiry_date.map(date_text).as_deref() == Some(identity.expiry_date.as_str()),
        ]
        .into_iter()
        .filter(|ok| *ok)
        .count();
    }
    if let Some(barcode) = &reading.barcode {
        outcome.barcode_decoded = true;
        outcome.barcode_correct = same_name(barcode.fields.family_name.as_deref(), identity, false)
            && same_text(
                barcode.fields.document_number.as_deref(),
                &identity.document_number,
            );
    }
    if let Some(printed) = &reading.printed {
        outcome.printed_fields_correct = [
            same_name(
                printed.surname.as_ref().map(|f| f.value.as_str()),
                identity,
                false,
            ),
            same_name(
                printed.given_names.as_ref().map(|f| f.value.as_str()),
                identity,
                true,
            ),
            same_text(
                printed.document_number.as_ref().map(|f| f.value.as_str()),
                &identity.document_number,
            ),
            printed
                .birth_date
                .as_ref()
                .map(|f| date_text(f.value))
                .as_deref()
                == Some(identity.birth_date.as_str()),
            printed
                .expiry_date
                .as_ref()
                .map(|f| date_text(f.value))
                .as_deref()
                == Some(identity.expiry_date.as_str()),
        ]
        .into_iter()
        .filter(|ok| *ok)
        .count();
    }
    outcome.portrait_found = reading.portrait.is_some();
}

/// Whether a name read is the identity's (in MRZ form, so that spelling conventions and the
/// Latin transcription of a non-Latin name compare equal), as `reading::names_agree` judges.
fn same_name(read: Option<&str>, identity: &Identity, given: bool) -> bool {
    let Some(read) = read else {
        return false;
    };
    let read = transliterate(read);
    let truths = if given {
        [
            Some(&identity.given_names),
            identity.given_names_latin.as_ref(),
        ]
    } else {
        [Some(&identity.surname), identity.surname_latin.as_ref()]
    };
    truths
        .into_iter()
        .flatten()
        .any(|truth| names_agree(&transliterate(truth), &read))
}

/// Whether a document number read equals the truth, ignoring spaces, dashes and fillers.
fn same_text(read: Option<&str>, truth: &str) -> bool {
    let compact = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    read.is_some_and(|read| compact(read) == compact(truth))
}

fn print_table(summary: &Summary, show_mistakes: bool, repeat: usize) {
    let percent =
        |value: Option<f64>| value.map_or("—".to_string(), |v| format!("{:.1}%", v * 100.0));
    println!(
        "{:<16} {:>5} {:>8} {:>8} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>7}",
        "group",
        "docs",
        "mrz",
        "mrz ok",
        "wrong",
        "glyphs",
        "fields",
        "barcode",
        "printed",
        "portrait",
        "kind",
        "median",
        "photo"
    );
    for (name, group) in &summary.groups {
        println!(
            "{:<16} {:>5} {:>8} {:>8} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>6.3}s {:>6.3}s",
            name,
            group.documents,
            percent(rate(group.mrz_found, group.mrz_documents)),
            percent(group.mrz_exact_rate()),
            group.mrz_wrong_valid,
            percent(rate(group.mrz_by_glyphs, group.mrz_documents)),
            percent(rate(group.mrz_fields_correct, group.mrz_documents * FIELDS)),
            percent(group.barcode_rate()),
            percent(group.printed_rate()),
            percent(group.portrait_rate()),
            percent(rate(group.kind_correct, group.documents)),
            group.median_seconds,
            group.median_seconds_per_photo,
        );
    }
    println!(
        "\nmrz: found; mrz ok: every line exact and trusted; wrong: trusted but not what is \
printed; glyphs: read exactly and trusted by the glyph grid alone, without the text models; fields: MRZ surname, given names, number, birth and expiry dates correct; barcode: \
decoded; printed: printed-zone fields correct; portrait: found on the front; kind: document \
kind right; median: seconds per document from its files' bytes (intake, luma decode, reading); \
photo: the same per photo read (a card's front and back are two); each worker on one core, after the usual network shapes are planned and one untimed reading of a document of each kind{}.",
        if repeat > 1 {
            format!("; each document's fastest of {repeat} passes")
        } else {
            String::new()
        }
    );
    if show_mistakes {
        for outcome in &summary.mistakes {
            println!(
                "{}: mrz {}{} barcode {} printed {}/{FIELDS} portrait {}{}",
                outcome.front,
                if outcome.mrz_exact {
                    "ok"
                } else if outcome.mrz_found {
                    "wrong"
                } else {
                    "none"
                },
                if outcome.mrz_wrong_valid {
                    " (WRONG BUT VALID)"
                } else {
                    ""
                },
                if outcome.barcode_correct { "ok" } else { "no" },
                outcome.printed_fields_correct,
                if outcome.portrait_found { "yes" } else { "no" },
                outcome
                    .error
                    .as_ref()
                    .map(|e| format!(" error: {e}"))
                    .unwrap_or_default(),
            );
        }
    }
}
