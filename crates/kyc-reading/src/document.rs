//! Reading a document from photos of its front and back: find the document, straighten it,
//! read what it carries.
//!
//! A photo comes in as luma only ([`Photo`]: reading needs no colour, and a JPEG decodes in
//! half the time without it), reduced once to the working plane `kyc_vision` locates
//! documents on. The document is straightened into a landscape grey picture
//! [`READING_WIDTH`] pixels wide, so text lines run straight whatever the perspective. The
//! order is cheapest first, and each step tells the next what to expect:
//!
//! 1. **Front page.** The portrait is looked for, the picture's way up and, unless a confident
//!    face stands on the page's left half where the portrait belongs, upside down: the way its
//!    face stands says which way up the document is, so every line is then read one way only
//!    (both ways when there is no face). The page's ink is found once (`ink`), and the
//!    MRZ read from it by the glyph grid (`mrz_grid`: no text models, tens of milliseconds).
//! 2. **Back.** Without a zone on the front, the glyph grid reads the back; a back without
//!    one is searched for a licence's PDF417 barcode, first on the page the grid straightened
//!    ([`BARCODE_WIDTHS`]).
//! 3. **The grid's name.** A grid reading is valid (every check digit holds) but its name has
//!    no check digit. It is confirmed by the printed zone, read against it from the lines of
//!    the front's ink (`printed::confirm_printed`; those reads serve step 5), or else by the
//!    text recogniser reading the name in the zone; unconfirmed, it is dropped.
//! 4. **MRZ by the text models.** Still without a valid MRZ or a barcode, text is detected on
//!    the back, then on the whole front page, and the text models look for the zone there.
//!    When no document is found, or nothing valid is read on the straightened document (a
//!    wrong outline can cut the zone off), the whole photo, reduced to [`WHOLE_PICTURE_SIDE`],
//!    is read instead. Without a back, the barcode is looked for on the front unless a
//!    trusted MRZ was read.
//! 5. **Printed zone.** What the trusted MRZ and the barcode say is what the printed zone
//!    should show: it is first read against those values from the ink's lines of text (done
//!    already when they confirmed the grid's name), and only when a value is not found there
//!    from the text detector's boxes (above a zone the grid read, else the whole page),
//!    labelled by their captions, so that a printed zone that disagrees is still read and
//!    found inconsistent.
//!
//! What was read is gathered in a [`DocumentReading`]; `reading::findings` judges it.

use std::borrow::Cow;

use image::{GrayImage, Rgb, RgbImage};
use kyc_documents::aamva;
use kyc_documents::mrz::ParseOptions;
use kyc_vision::assess::{WorkingLuma, find_document_in};
use kyc_vision::locate::Point;
use kyc_vision::plane::Plane;
use kyc_vision::rectify::{Homography, landscape, quad_size, rectify};
use time::Date;

use crate::barcode::{Pdf417, decode_pdf417};
use crate::face::{Face, FaceDetector, Orientation};
use crate::ink::{Ink, InkLine, text_lines};
use crate::models::ModelError;
use crate::mrz::{Directions, FoundMrz, normalise, read_mrz, same_reading};
use crate::mrz_grid::{name_cut, read_mrz_grid};
use crate::ocrb::GlyphClassifier;
use crate::printed::{DateOrder, Expected, PrintedFields, confirm_printed, read_printed};
use crate::reading::{
    DocumentReading, Field, MrzDoubt, MrzReading, Portrait, identify, issuer_from_titles,
    kind_from_titles, names_in_doubt,
};
use crate::text::{TextBox, TextDetector, TextRecognizer};

/// Heights, relative to the glyph grid's line, of the cuts the text recogniser reads a
/// zone's name from to confirm the grid's reading.
pub const NAME_CUT_HEIGHTS: [f32; 2] = [1.25, 1.6];
/// Width of the rectified document the text is read on.
pub const READING_WIDTH: usize = 1280;
/// Longest side of the whole photo when it is read without a document outline.
pub const WHOLE_PICTURE_SIDE: usize = 1600;
/// Widest text strip [`Reader::prepare`] plans for: a printed value or a caption on a page
/// [`READING_WIDTH`] wide takes 128 to 768 pixels in the recogniser's strip.
pub const PREPARED_STRIP_WIDTH: usize = 1024;
/// Widths of the straightened document a barcode is looked for in, in the order tried. On the
/// 51 licence backs of the clean reference set (seed 31000), 1,280 and 1,600 pixels each
/// decoded 48 at the first try, 1,280 in 28 ms against 46; and a back is straightened at the
/// reading width for the glyph grid already.
pub const BARCODE_WIDTHS: [usize; 3] = [READING_WIDTH, 1600, 2048];

/// The models a reading needs, loaded once.
pub struct Reader {
    detector: TextDetector,
    recognizer: TextRecognizer,
    faces: FaceDetector,
    glyphs: GlyphClassifier,
}

impl Reader {
    /// Verifies and loads the models.
    pub fn load() -> Result<Reader, ModelError> {
        Ok(Reader {
            detector: TextDetector::load()?,
            recognizer: TextRecognizer::load()?,
            faces: FaceDetector::load()?,
            glyphs: GlyphClassifier::new().map_err(|e| ModelError::Load {
                name: "OCR-B glyphs",
                message: e.to_string(),
            })?,
        })
    }

    /// Plans the networks for the input shapes reading a clear document takes (text strips up
    /// to [`PREPARED_STRIP_WIDTH`] pixels wide, the face detector's input), as a long-running
    /// service should before its first request: a shape met for the first time is planned
    /// then, which takes a few hundred milliseconds. Takes a few seconds.
    pub fn prepare(&self) -> Result<(), ModelError> {
        self.recognizer.prepare(PREPARED_STRIP_WIDTH)?;
        self.faces.prepare()
    }

    /// Reads a document from its front (a passport's data page) and, for cards, its back.
    /// `today` is the date two-digit MRZ years are read around.
    pub fn read_document(
        &self,
        front: &Photo,
        back: Option<&Photo>,
        today: Date,
    ) -> Result<DocumentReading, ModelError> {
        let options = ParseOptions { today };
        let mut reading = DocumentReading::default();
        reading.sides.back_given = back.is_some();

        let front_photo = LocatedPhoto::of(front);
        let page = match front_photo.straightened(READING_WIDTH) {
            Some(plane) => Some(self.front_page(&front_photo, plane, &options, &mut reading)),
            None => {
                let whole = grey_picture(&front_photo.whole(WHOLE_PICTURE_SIDE));
                reading.portrait =
                    self.faces
                        .detect_any_orientation(&whole, false)?
                        .map(|(face, orientation)| Portrait {
                            bounds: front_photo.whole_box_in_photo(&face, orientation, &whole),
                            score: face.score,
                        });
                None
            }
        }
        .transpose()?;

        // The back, before the front's text: its MRZ or barcode (both cheap to read) tells
        // what the front's printed zone should show. The glyph grid first (tens of
        // milliseconds); a back without a zone is searched for a licence's barcode.
        let back_photo = back.map(LocatedPhoto::of);
        let back_page = match (&back_photo, page.as_ref().and_then(|p| p.grid.as_ref())) {
            (Some(photo), None) => photo
                .straightened(READING_WIDTH)
                .map(|plane| self.grid_page(plane, &options, Directions::BothWays)),
            _ => None,
        };
        let grid = page
            .as_ref()
            .and_then(|p| Some((p.grid.clone()?, &p.picture)))
            .or_else(|| {
                back_page
                    .as_ref()
                    .and_then(|p| Some((p.grid.clone()?, &p.picture)))
            });
        let back_barcode = match &back_photo {
            Some(photo) if grid.is_none() => {
                read_licence_barcode(photo, back_page.as_ref().map(|p| &p.plane))
            }
            _ => None,
        };

        // The grid's reading is valid, but its name has no check digit. It is confirmed by
        // the printed zone, read against it (the reads serve the printed zone below), or
        // else by the text recogniser reading the name in the zone.
        let mut mrz = None;
        let mut confirmed_early = None;
        if let Some((found, picture)) = grid {
            if let Some(page) = &page {
                let provisional = DocumentReading {
                    mrz: MrzReading::from_found(&found),
                    ..DocumentReading::default()
                };
                let expected = expected_printed(&provisional);
                let confirmation = confirm_printed(
                    &page.picture,
                    &page.lines_above_zone(),
                    &self.recognizer,
                    &expected,
                )?;
                if confirmation.confirms(&expected, &[Field::Surname, Field::GivenNames]) {
                    mrz = Some(found.clone());
                }
                confirmed_early = Some((expected, confirmation));
            }
            if mrz.is_none() && self.name_reads_the_same(&found, picture)? {
                mrz = Some(found);
            }
        }

        // Without a valid zone from the grid or a barcode, the text models look for a zone
        // on the back, then on the whole front page (whose text serves the printed zone too).
        if let Some(back_photo) = &back_photo
            && back_barcode.is_none()
            && !mrz.as_ref().is_some_and(is_valid)
        {
            // Straightened for the grid already, unless the front's zone had made that
            // needless.
            let picture = match &back_page {
                Some(page) => Some(Cow::Borrowed(&page.picture)),
                None => back_photo
                    .straightened(READING_WIDTH)
                    .map(|plane| Cow::Owned(grey_picture(&plane))),
            };
            mrz = better(
                mrz,
                self.read_mrz_by_text(back_photo, picture.as_deref(), &options)?,
            );
        }
        let mut front_boxes = None;
        if let Some(page) = &page
            && !mrz.as_ref().is_some_and(is_valid)
            && back_barcode.is_none()
        {
            let boxes = self.detector.detect(&page.picture)?;
            let zone = read_mrz(
                &page.picture,
                &boxes,
                &self.recognizer,
                &options,
                page.directions(),
            )?;
            // Pieces of the zone have been read as such already.
            let zone_rows: Vec<&TextBox> =
                zone.iter().flat_map(|m| &m.lines).map(|l| &l.row).collect();
            front_boxes = Some(
                boxes
                    .iter()
                    .filter(|b| !zone_rows.iter().any(|row| row.contains(b.centre)))
                    .cloned()
                    .collect::<Vec<TextBox>>(),
            );
            mrz = better(mrz, zone);
        }
        if !mrz.as_ref().is_some_and(is_valid) && (mrz.is_some() || !front_photo.document_found()) {
            let whole = grey_picture(&front_photo.whole(WHOLE_PICTURE_SIDE));
            mrz = better(mrz, self.read_mrz_in(&whole, &options)?);
        }
        reading.mrz = mrz.as_ref().and_then(MrzReading::from_found);
        reading.barcode = match back_photo {
            Some(_) => back_barcode,
            None if !reading.mrz.as_ref().is_some_and(MrzReading::trusted) => {
                read_licence_barcode(&front_photo, None)
            }
            None => None,
        };

        // The printed zone last, read against what the MRZ or barcode says it shows: first
        // from the lines of text in the page's ink, which needs no text detection (already
        // done when it confirmed the grid's zone); when that does not find every value,
        // from the text detector's boxes.
        if let Some(page) = &page {
            let expected = expected_printed(&reading);
            let confirmation = match confirmed_early {
                Some((early, confirmation)) if early == expected => confirmation,
                _ => confirm_printed(
                    &page.picture,
                    &page.lines_above_zone(),
                    &self.recognizer,
                    &expected,
                )?,
            };
            let mut printed = confirmation.complete();
            if printed.is_none() {
                let boxes = match front_boxes {
                    Some(boxes) => boxes,
                    None => match &page.grid {
                        Some(found) if page.orientation.is_some() => {
                            self.detector.detect(&above_zone(&page.picture, found))?
                        }
                        _ => self.detector.detect(&page.picture)?,
                    },
                };
                let (fields, read) =
                    read_printed(&page.picture, &boxes, &self.recognizer, &expected)?;
                // Without an MRZ or a barcode, what the document calls itself gives its kind
                // and its issuer.
                if expected.fields.is_empty() {
                    reading.title_kind = kind_from_titles(read.iter().map(|r| r.text.as_str()));
                    reading.title_issuer = issuer_from_titles(read.iter().map(|r| r.text.as_str()));
                }
                printed = Some(fields);
            }
            reading.printed = printed.filter(PrintedFields::any);
        }
        if let (Some(mrz), Some(printed)) = (reading.mrz.as_mut(), reading.printed.as_ref())
            && mrz.doubt.is_none()
            && names_in_doubt(&mrz.fields, printed)
        {
            mrz.doubt = Some(MrzDoubt::NamesDisagreeWithPrintedZone);
        }
        identify(&mut reading);
        Ok(reading)
    }

    /// The front page turned upright by its portrait's face (recorded in `reading`), and the
    /// zone the glyph grid read on it.
    fn front_page(
        &self,
        photo: &LocatedPhoto,
        plane: Plane,
        options: &ParseOptions,
        reading: &mut DocumentReading,
    ) -> Result<GridPage, ModelError> {
        let picture = grey_picture(&plane);
        // The portrait first: the way its face stands says which way up the page is, so
        // every line is then read one way only.
        let face = self.faces.detect_any_orientation(&picture, true)?;
        reading.portrait = face.as_ref().map(|(face, orientation)| Portrait {
            bounds: photo.box_in_photo(face, *orientation, &picture),
            score: face.score,
        });
        // The portrait's box on the page as it is read: the face's bounds are in the pixels of
        // the page turned upright, as it is read below.
        let portrait = face.as_ref().map(|(face, _)| face.bounds);
        let orientation = face.map(|(_, o)| o);
        let (picture, plane) = match orientation {
            Some(Orientation::UpsideDown) => {
                (image::imageops::rotate180(&picture), half_turned(plane))
            }
            _ => (picture, plane),
        };
        let mut page = self.grid_page_of(plane, picture, options, directions_for(orientation));
        page.orientation = orientation;
        page.portrait = portrait;
        Ok(page)
    }

    /// A straightened page, its ink, and the zone the glyph grid reads on it when valid
    /// (its name not confirmed yet).
    fn grid_page(&self, plane: Plane, options: &ParseOptions, directions: Directions) -> GridPage {
        let picture = grey_picture(&plane);
        self.grid_page_of(plane, picture, options, directions)
    }

    fn grid_page_of(
        &self,
        plane: Plane,
        picture: RgbImage,
        options: &ParseOptions,
        directions: Directions,
    ) -> GridPage {
        let ink = Ink::of(&plane);
        let grid = read_mrz_grid(&plane, &ink, &self.glyphs, options, directions).filter(is_valid);
        GridPage {
            plane,
            picture,
            ink,
            orientation: None,
            portrait: None,
            grid,
        }
    }

    /// Finds and reads the MRZ in an upright photo.
    pub fn read_mrz(
        &self,
        photo: &Photo,
        options: &ParseOptions,
    ) -> Result<Option<FoundMrz>, ModelError> {
        self.read_mrz_located(&LocatedPhoto::of(photo), options)
    }

    /// [`Reader::read_mrz`] on a photo already located: the glyph grid's zone when its name
    /// reads the same to the text recogniser, else the text models' reading.
    pub fn read_mrz_located(
        &self,
        photo: &LocatedPhoto,
        options: &ParseOptions,
    ) -> Result<Option<FoundMrz>, ModelError> {
        let page = photo
            .straightened(READING_WIDTH)
            .map(|plane| self.grid_page(plane, options, Directions::BothWays));
        if let Some(GridPage {
            grid: Some(found),
            picture,
            ..
        }) = &page
            && self.name_reads_the_same(found, picture)?
        {
            return Ok(Some(found.clone()));
        }
        self.read_mrz_by_text(photo, page.as_ref().map(|p| &p.picture), options)
    }

    /// The MRZ read by the text models: on the straightened document (`straightened`, when
    /// there is one), else on the whole photo.
    fn read_mrz_by_text(
        &self,
        photo: &LocatedPhoto,
        straightened: Option<&RgbImage>,
        options: &ParseOptions,
    ) -> Result<Option<FoundMrz>, ModelError> {
        let mut first = None;
        if let Some(picture) = straightened {
            let found = self.read_mrz_in(picture, options)?;
            if found.as_ref().is_some_and(is_valid) {
                return Ok(found);
            }
            first = found;
        }
        let whole = grey_picture(&photo.whole(WHOLE_PICTURE_SIDE));
        Ok(better(first, self.read_mrz_in(&whole, options)?))
    }

    /// Whether the name of a zone the glyph grid read (the one part no check digit protects)
    /// reads the same to the text recogniser on `picture` (the page the grid read), from a
    /// cut [`NAME_CUT_HEIGHTS`] times the grid's line height, one of them at least.
    fn name_reads_the_same(
        &self,
        found: &FoundMrz,
        picture: &RgbImage,
    ) -> Result<bool, ModelError> {
        let Some((cut, name)) = name_cut(found) else {
            return Ok(true);
        };
        for height in NAME_CUT_HEIGHTS {
            let cut = TextBox {
                height: cut.height * height,
                ..cut.clone()
            };
            let (text, _) = normalise(&self.recognizer.read(picture, &cut)?);
            if same_reading(&text, &name) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn read_mrz_in(
        &self,
        picture: &RgbImage,
        options: &ParseOptions,
    ) -> Result<Option<FoundMrz>, ModelError> {
        let boxes = self.detector.detect(picture)?;
        read_mrz(
            picture,
            &boxes,
            &self.recognizer,
            options,
            Directions::BothWays,
        )
    }
}

/// A straightened page: a document's front turned upright by its portrait, or a back.
struct GridPage {
    /// The straightened page's luma, [`READING_WIDTH`] wide (turned as `picture` is).
    plane: Plane,
    /// The page in grey (upright when `orientation` is known).
    picture: RgbImage,
    /// The page's ink.
    ink: Ink,
    /// How the portrait's face stood on the straightened page, when one was found.
    orientation: Option<Orientation>,
    /// The portrait's face on `picture` (`x0, y0, x1, y1`), when one was found.
    portrait: Option<[f32; 4]>,
    /// The zone the glyph grid read on the page, when valid (its name not confirmed).
    grid: Option<FoundMrz>,
}

impl GridPage {
    /// Which ways lines are read: as given on a page turned upright by its portrait, both
    /// ways otherwise.
    fn directions(&self) -> Directions {
        directions_for(self.orientation)
    }

    /// The lines of text in the page's ink, above the grid's zone when there is one.
    fn lines_above_zone(&self) -> Vec<InkLine> {
        let above = self.grid.as_ref().and_then(zone_top);
        let portrait = self.portrait.map(portrait_around);
        text_lines(&self.ink)
            .into_iter()
            .filter(|l| above.is_none_or(|top| l.text_box.centre[1] < top))
            .filter(|l| {
                let [x, y] = l.text_box.centre;
                portrait.is_none_or(|[x0, y0, x1, y1]| x < x0 || x > x1 || y < y0 || y > y1)
            })
            .collect()
    }
}

/// How far the portrait photo reaches beyond the face the detector boxes, in the face box's
/// width (each side) and height (above and below): an ICAO 9303 portrait shows the head and
/// the top of the shoulders, the face taking 70–80 % of its height. No printed value stands
/// there, while its hair, collar and edges make ink lines that look like short names.
pub const PORTRAIT_MARGIN: [f32; 2] = [0.3, 0.3];

/// The portrait photo around a face box (see [`PORTRAIT_MARGIN`]).
fn portrait_around([x0, y0, x1, y1]: [f32; 4]) -> [f32; 4] {
    let (dx, dy) = (
        PORTRAIT_MARGIN[0] * (x1 - x0),
        PORTRAIT_MARGIN[1] * (y1 - y0),
    );
    [x0 - dx, y0 - dy, x1 + dx, y1 + dy]
}

/// Which ways a page's lines are read: as given once its portrait has turned it upright, both
/// ways when it has none.
fn directions_for(orientation: Option<Orientation>) -> Directions {
    match orientation {
        Some(_) => Directions::AsGiven,
        None => Directions::BothWays,
    }
}

/// What the printed zone should show, by the MRZ (when trusted) and the barcode: every
/// field those give, and numeric dates month first on a licence with an AAMVA barcode.
fn expected_printed(reading: &DocumentReading) -> Expected {
    Expected {
        fields: Field::ALL
            .into_iter()
            .filter_map(|field| reading.value(field).map(|(_, value)| (field, value)))
            .collect(),
        order: match reading.barcode {
            Some(_) => DateOrder::MonthFirst,
            None => DateOrder::DayFirst,
        },
        icao_order: reading.mrz.is_some() && reading.barcode.is_none(),
    }
}

/// Finds and decodes a PDF417 barcode: on the document straightened at each width of
/// [`BARCODE_WIDTHS`] in turn (rxing's detector misses some symbols at one scale and finds
/// them at another; `straightened`, when given, is the document straightened already at one
/// of them), then on the whole photo.
pub fn read_barcode(photo: &LocatedPhoto, straightened: Option<&Plane>) -> Option<Pdf417> {
    if photo.document_found() {
        for width in BARCODE_WIDTHS {
            let found = match straightened {
                Some(plane) if plane.width == width => decode_pdf417(plane),
                _ => photo.straightened(width).as_ref().and_then(decode_pdf417),
            };
            if found.is_some() {
                return found;
            }
        }
    }
    decode_pdf417(&photo.working.plane)
}

/// [`read_barcode`], parsed as an AAMVA licence or ID; `None` when nothing decodes or parses.
fn read_licence_barcode(
    photo: &LocatedPhoto,
    straightened: Option<&Plane>,
) -> Option<aamva::AamvaReport> {
    read_barcode(photo, straightened).and_then(|code| aamva::parse(&code.text).ok())
}

/// A photo as the reader sees it: its luma, reduced once to the working plane (at most 2,048
/// px; `kyc_vision` locates documents on the same plane), and its own size. Reading needs no
/// colour: a JPEG decoded as luma only (`intake::intake_luma`) takes half the time.
pub struct Photo {
    working: WorkingLuma,
    width: u32,
    height: u32,
}

impl Photo {
    /// The photo from its luma.
    pub fn from_grey(image: &GrayImage) -> Photo {
        Photo {
            working: WorkingLuma::of_grey(image),
            width: image.width(),
            height: image.height(),
        }
    }

    /// The photo from RGB (its Rec. 601 luma).
    pub fn from_rgb(image: &RgbImage) -> Photo {
        Photo {
            working: WorkingLuma::of(image),
            width: image.width(),
            height: image.height(),
        }
    }
}

/// A photo with its document located: the working luma plane and the document's outline in
/// it, turned so that its longer side runs across.
pub struct LocatedPhoto<'a> {
    working: &'a WorkingLuma,
    outline: Option<[Point; 4]>,
}

impl LocatedPhoto<'_> {
    /// Locates the document (as the image checks do).
    pub fn of(photo: &Photo) -> LocatedPhoto<'_> {
        let working = &photo.working;
        let region = find_document_in(working, photo.width, photo.height);
        let outline = region
            .corners
            .map(|corners| landscape(&corners).map(|p| working.from_source(p)))
            .filter(|quad| {
                let (width, height) = quad_size(quad);
                width >= 8.0 && height >= 8.0
            });
        LocatedPhoto { working, outline }
    }

    /// Whether a document outline was found.
    pub fn document_found(&self) -> bool {
        self.outline.is_some()
    }

    /// The document straightened into a landscape plane `width` pixels wide (its height from
    /// the outline's proportions), or `None` when no document was found.
    pub fn straightened(&self, width: usize) -> Option<Plane> {
        let quad = self.outline.as_ref()?;
        let (quad_width, quad_height) = quad_size(quad);
        let height =
            ((width as f32 * quad_height / quad_width).round() as usize).clamp(16, 4 * width);
        Some(rectify(&self.working.plane, quad, width, height))
    }

    /// A face box found on `picture` (the document straightened, then turned by
    /// `orientation`) as an upright box in the photo's pixels.
    fn box_in_photo(&self, face: &Face, orientation: Orientation, picture: &RgbImage) -> [f32; 4] {
        let [x0, y0, x1, y1] = unturned(face, orientation, picture);
        let Some(homography) = self.outline.as_ref().and_then(Homography::unit_square_to) else {
            return [x0, y0, x1, y1];
        };
        let (w, h) = (picture.width() as f32, picture.height() as f32);
        let corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
            .map(|[x, y]| self.working.to_source(homography.apply(x / w, y / h)));
        bounds_of(corners)
    }

    /// A face box found on `picture` (the whole photo reduced, then turned by `orientation`)
    /// as an upright box in the photo's pixels.
    fn whole_box_in_photo(
        &self,
        face: &Face,
        orientation: Orientation,
        picture: &RgbImage,
    ) -> [f32; 4] {
        let [x0, y0, x1, y1] = unturned(face, orientation, picture);
        let scale = self.working.plane.width as f32 / picture.width().max(1) as f32;
        let corners = [[x0, y0], [x1, y1], [x0, y1], [x1, y0]]
            .map(|[x, y]| self.working.to_source([x * scale, y * scale]));
        bounds_of(corners)
    }

    /// The whole photo's luma, reduced so its longer side is at most `side`.
    pub fn whole(&self, side: usize) -> Plane {
        let plane = &self.working.plane;
        let factor = plane.width.max(plane.height).div_ceil(side).max(1);
        plane.downscale(factor)
    }
}

fn is_valid(found: &FoundMrz) -> bool {
    found.complete() && found.report.as_ref().is_some_and(|r| r.valid)
}

/// The better of two MRZ readings: a valid one, else the first that exists.
fn better(first: Option<FoundMrz>, second: Option<FoundMrz>) -> Option<FoundMrz> {
    match (first, second) {
        (_, Some(second)) if is_valid(&second) => Some(second),
        (Some(first), _) => Some(first),
        (None, second) => second,
    }
}

/// A plane turned a half turn.
fn half_turned(mut plane: Plane) -> Plane {
    plane.data.reverse();
    plane
}

/// The part of an upright page above its MRZ (the whole page when the zone does not lie in
/// its lower half).
fn above_zone(page: &RgbImage, zone: &FoundMrz) -> RgbImage {
    match zone_top(zone) {
        Some(top) if top >= page.height() as f32 / 2.0 => {
            image::imageops::crop_imm(page, 0, 0, page.width(), top.floor() as u32).to_image()
        }
        _ => page.clone(),
    }
}

/// Where the page above an MRZ ends: half a line above the zone's top.
fn zone_top(zone: &FoundMrz) -> Option<f32> {
    let top = zone
        .lines
        .iter()
        .flat_map(|line| line.row.corners())
        .map(|[_, y]| y)
        .fold(f32::INFINITY, f32::min);
    let margin = zone.lines.first().map_or(0.0, |line| line.row.height / 2.0);
    let top = top - margin;
    (top.is_finite() && top > 0.0).then_some(top)
}

/// The bounds of a box given in `picture` after `orientation` turned it, in `picture`'s own
/// pixels.
fn unturned(face: &Face, orientation: Orientation, picture: &RgbImage) -> [f32; 4] {
    let [x0, y0, x1, y1] = face.bounds;
    match orientation {
        Orientation::Upright => face.bounds,
        Orientation::UpsideDown => {
            let (w, h) = (picture.width() as f32, picture.height() as f32);
            [w - x1, h - y1, w - x0, h - y0]
        }
    }
}

/// The smallest upright box holding four points.
fn bounds_of(points: [Point; 4]) -> [f32; 4] {
    let xs = points.map(|p| p[0]);
    let ys = points.map(|p| p[1]);
    [
        xs.iter().copied().fold(f32::INFINITY, f32::min),
        ys.iter().copied().fold(f32::INFINITY, f32::min),
        xs.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        ys.iter().copied().fold(f32::NEG_INFINITY, f32::max),
    ]
}

/// A luma plane (0..1; `NaN` outside the photo, shown white) as a grey RGB picture.
fn grey_picture(plane: &Plane) -> RgbImage {
    RgbImage::from_fn(plane.width as u32, plane.height as u32, |x, y| {
        let v = plane.get(x as usize, y as usize);
        let v = if v.is_finite() {
            v.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let g = (v * 255.0).round() as u8;
        Rgb([g, g, g])
    })
}
