//! The photo pipeline: what an uploaded selfie or ID photo goes through before anyone sees it.
//!
//! 1. [`sniff`] the magic bytes (JPEG, PNG, WebP; HEIC and others are named and refused).
//! 2. Read the header and refuse absurd dimensions before any pixel is decoded.
//! 3. Decode: JPEG at a reduced DCT scale (1/2, 1/4, 1/8) straight to about the review size,
//!    which is what makes a 12-megapixel photo cheap; PNG and WebP under `image::Limits`.
//! 4. Apply the EXIF orientation to the small copy, encode a review copy and a thumbnail as
//!    JPEG (which carries no EXIF or GPS), and measure blur, brightness and a perceptual hash.
//!
//! The original bytes are kept unchanged, content-addressed by SHA-256 (see [`storage`]).

pub mod budget;
pub mod fixtures;
pub mod measure;
mod resize;
mod routes;
pub mod storage;

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader, RgbImage, metadata::Orientation};
use sha2::{Digest, Sha256};

pub use measure::{fine_distance, hamming};
pub(crate) use routes::display_copy;
pub use routes::router;

/// Longest side of the review copy: enough to read an ID card on screen; the original stays
/// available (audited) for the roles that need more.
pub const REVIEW_SIDE: u32 = 1280;
/// Longest side of the thumbnail.
pub const THUMB_SIDE: u32 = 320;

/// Where the portrait is on the front of a Kazakh ID card photographed edge to edge, as fractions
/// of the width and height: left, top, right, bottom. Every card of one design shares the rest
/// (the coat of arms, the frame, the field labels), so near-duplicate ID photos are found by
/// comparing this area alone.
pub const ID_PORTRAIT: (f64, f64, f64, f64) = (0.04, 0.15, 0.32, 0.72);

/// An accepted image format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaType {
    Jpeg,
    Png,
    Webp,
}

impl MediaType {
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Webp => "image/webp",
        }
    }
}

/// Why a photo was refused. [`PhotoError::code`] is stable for API clients.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PhotoError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    #[error("{0} images are not supported; send JPEG, PNG or WebP")]
    Unsupported(&'static str),
    #[error("the file is not an image")]
    NotAnImage,
    #[error("the image is {width}x{height} pixels, more than allowed")]
    TooManyPixels { width: u32, height: u32 },
    #[error("the image is damaged or truncated: {0}")]
    Corrupt(String),
}

impl PhotoError {
    /// A short machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::Empty => "empty",
            PhotoError::TooLarge { .. } => "too_large",
            PhotoError::Unsupported(_) => "unsupported_format",
            PhotoError::NotAnImage => "not_an_image",
            PhotoError::TooManyPixels { .. } => "too_many_pixels",
            PhotoError::Corrupt(_) => "corrupt",
        }
    }
}

/// Bounds on what a photo may cost.
#[derive(Clone, Copy, Debug)]
pub struct PhotoLimits {
    /// Largest file accepted.
    pub max_bytes: usize,
    /// Largest width x height accepted.
    pub max_pixels: u64,
    /// Largest width or height accepted.
    pub max_side: u32,
    /// Most memory one decode may allocate.
    pub max_alloc: u64,
}

impl Default for PhotoLimits {
    fn default() -> Self {
        PhotoLimits {
            max_bytes: 15 * 1024 * 1024,
            max_pixels: 50_000_000,
            max_side: 12_000,
            max_alloc: 256 * 1024 * 1024,
        }
    }
}

/// What the pipeline made of one photo.
#[derive(Clone, Debug)]
pub struct Processed {
    pub media_type: MediaType,
    /// Hex SHA-256 of the original bytes: the original's storage key.
    pub sha256: String,
    pub byte_size: usize,
    /// Dimensions as displayed (after the EXIF orientation).
    pub width: u32,
    pub height: u32,
    /// Variance of the Laplacian of a 512-pixel grey copy: low means blurred.
    pub blur: f64,
    /// Mean luma, 0 (black) to 255 (white).
    pub brightness: f64,
    /// 64-bit difference hash; near-identical photos differ in few bits.
    pub phash: i64,
    /// The difference hash of the [`ID_PORTRAIT`] area alone.
    pub portrait_hash: i64,
    /// The 256-bit hashes of the whole photo and of the portrait area (hex).
    pub fine_hash: String,
    pub portrait_fine_hash: String,
    /// JPEG of the [`ID_PORTRAIT`] area, for an ID card's front (empty for other kinds: see
    /// [`Processed::only_for_id_front`]).
    pub portrait: Vec<u8>,
    /// JPEG, longest side at most [`REVIEW_SIDE`], no metadata.
    pub review: Vec<u8>,
    /// JPEG, longest side at most [`THUMB_SIDE`], no metadata.
    pub thumb: Vec<u8>,
}

/// Recognises the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> Result<MediaType, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(MediaType::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(MediaType::Png);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(MediaType::Webp);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if [b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"].iter().any(|b| brand == *b) {
            return Err(PhotoError::Unsupported("HEIC"));
        }
        if brand == b"avif" || brand == b"avis" {
            return Err(PhotoError::Unsupported("AVIF"));
        }
    }
    if bytes.starts_with(b"GIF8") {
        return Err(PhotoError::Unsupported("GIF"));
    }
    if bytes.starts_with(b"BM") || bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Err(PhotoError::Unsupported(if bytes[0] == b'B' { "BMP" } else { "TIFF" }));
    }
    Err(PhotoError::NotAnImage)
}

fn corrupt(e: impl std::fmt::Display) -> PhotoError {
    PhotoError::Corrupt(e.to_string())
}

pub(crate) fn check_dimensions(width: u32, height: u32, limits: &PhotoLimits) -> Result<(), PhotoError> {
    let too_big = width == 0
        || height == 0
        || width > limits.max_side
        || height > limits.max_side
        || u64::from(width) * u64::from(height) > limits.max_pixels;
    if too_big { Err(PhotoError::TooManyPixels { width, height }) } else { Ok(()) }
}

/// Runs the whole pipeline on one file. CPU-bound: call it from a blocking thread
/// (see [`storage::Photos::process`], which also bounds how many run at once).
pub fn process(bytes: &[u8], limits: &PhotoLimits) -> Result<Processed, PhotoError> {
    if bytes.len() > limits.max_bytes {
        return Err(PhotoError::TooLarge { max_bytes: limits.max_bytes });
    }
    let media_type = sniff(bytes)?;
    let (image, orientation) = match media_type {
        MediaType::Jpeg => decode_jpeg(bytes, limits)?,
        MediaType::Png => (decode_other(bytes, ImageFormat::Png, limits)?, Orientation::NoTransforms),
        MediaType::Webp => (decode_other(bytes, ImageFormat::WebP, limits)?, Orientation::NoTransforms),
    };
    let (full_w, full_h, mut review) = image;
    if review.width().max(review.height()) > REVIEW_SIDE {
        review = fit(&review, REVIEW_SIDE);
    }
    let review = resize::orient(&review, orientation);
    let (width, height) = match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (full_h, full_w),
        _ => (full_w, full_h),
    };
    // The review copy's encoding is the longest step: it runs beside the thumbnail and the
    // measurements.
    let (review_jpeg, (thumb_jpeg, m)) = std::thread::scope(|s| {
        let encoded = s.spawn(|| encode_jpeg(&review, 85));
        let thumb = fit(&review, THUMB_SIDE);
        let rest = (encode_jpeg(&thumb, 80), measure::measure(&thumb, &review));
        (encoded.join().unwrap_or_else(|_| Err(corrupt("encoder thread panicked"))), rest)
    });
    let portrait = portrait_area(&review);
    let portrait_hash = measure::dhash_rgb(&portrait);
    let fine_hash = measure::fine_hash(&review);
    let portrait_fine_hash = measure::fine_hash(&portrait);
    Ok(Processed {
        media_type,
        sha256: hex::encode(Sha256::digest(bytes)),
        byte_size: bytes.len(),
        width,
        height,
        blur: m.blur,
        brightness: m.brightness,
        phash: m.phash,
        portrait_hash,
        fine_hash,
        portrait_fine_hash,
        portrait: encode_jpeg(&portrait, 85)?,
        review: review_jpeg?,
        thumb: thumb_jpeg?,
    })
}

impl Processed {
    /// Drops the portrait copy unless the photo is an ID card's front.
    pub fn only_for_id_front(&mut self, is_id_front: bool) {
        if !is_id_front {
            self.portrait = Vec::new();
        }
    }
}

/// The [`ID_PORTRAIT`] area of `img`.
fn portrait_area(img: &RgbImage) -> RgbImage {
    let (w, h) = img.dimensions();
    let (l, t, r, b) = ID_PORTRAIT;
    let x = (f64::from(w) * l) as u32;
    let y = (f64::from(h) * t) as u32;
    let cw = ((f64::from(w) * (r - l)) as u32).max(1).min(w - x);
    let ch = ((f64::from(h) * (b - t)) as u32).max(1).min(h - y);
    image::imageops::crop_imm(img, x, y, cw, ch).to_image()
}

/// Scales down to fit a `side` x `side` box, keeping the aspect ratio.
fn fit(img: &RgbImage, side: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    let scale = f64::from(side) / f64::from(w.max(h));
    if scale >= 1.0 {
        return img.clone();
    }
    let nw = ((f64::from(w) * scale).round() as u32).max(1);
    let nh = ((f64::from(h) * scale).round() as u32).max(1);
    image::imageops::thumbnail(img, nw, nh)
}

fn encode_jpeg(img: &RgbImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::with_capacity(img.len() / 8);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .map_err(corrupt)?;
    Ok(out)
}

/// `((full width, full height, pixels at a reduced scale), EXIF orientation)`.
type Decoded = ((u32, u32, RgbImage), Orientation);

/// Decodes a JPEG at the smallest DCT scale that still covers the review size.
fn decode_jpeg(bytes: &[u8], limits: &PhotoLimits) -> Result<Decoded, PhotoError> {
    // Orientation comes from the EXIF block; reading it parses headers only.
    let orientation = image::codecs::jpeg::JpegDecoder::new(Cursor::new(bytes))
        .ok()
        .and_then(|mut d| d.orientation().ok())
        .unwrap_or(Orientation::NoTransforms);

    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(usize::try_from(limits.max_alloc).unwrap_or(usize::MAX));
    decoder.read_info().map_err(corrupt)?;
    let info = decoder.info().ok_or_else(|| corrupt("no image header"))?;
    let (full_w, full_h) = (u32::from(info.width), u32::from(info.height));
    check_dimensions(full_w, full_h, limits)?;

    // Decode at the smallest DCT scale (1/8, 1/4, 1/2, 1) whose long side is still at least
    // three quarters of the review size: no full-size decode, and usually no resize after it
    // (a 4032-pixel photo decodes straight to 1008 pixels).
    let long = full_w.max(full_h);
    let factor = [8u32, 4, 2].into_iter().find(|k| long / k >= REVIEW_SIDE * 3 / 4).unwrap_or(1);
    let (w, h) = decoder
        .scale(
            u16::try_from(full_w.div_ceil(factor)).unwrap_or(u16::MAX),
            u16::try_from(full_h.div_ceil(factor)).unwrap_or(u16::MAX),
        )
        .map_err(corrupt)?;
    let pixels = decoder.decode().map_err(corrupt)?;
    let info = decoder.info().ok_or_else(|| corrupt("no image header"))?;
    let (w, h) = (u32::from(w), u32::from(h));
    let rgb: Vec<u8> = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => pixels,
        jpeg_decoder::PixelFormat::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        jpeg_decoder::PixelFormat::L16 => pixels.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0]]).collect(),
        jpeg_decoder::PixelFormat::CMYK32 => pixels
            .chunks_exact(4)
            .flat_map(|p| {
                let k = u16::from(p[3]);
                let ch = |c: u8| u8::try_from(u16::from(c) * k / 255).unwrap_or(255);
                [ch(p[0]), ch(p[1]), ch(p[2])]
            })
            .collect(),
    };
    let img = RgbImage::from_raw(w, h, rgb).ok_or_else(|| corrupt("pixel buffer size mismatch"))?;
    Ok(((full_w, full_h, img), orientation))
}

/// Decodes PNG or WebP under `image::Limits`, after checking the header's dimensions.
fn decode_other(
    bytes: &[u8],
    format: ImageFormat,
    limits: &PhotoLimits,
) -> Result<(u32, u32, RgbImage), PhotoError> {
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(corrupt)?;
    check_dimensions(w, h, limits)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut l = image::Limits::default();
    l.max_image_width = Some(limits.max_side);
    l.max_image_height = Some(limits.max_side);
    l.max_alloc = Some(limits.max_alloc);
    reader.limits(l);
    let img = reader.decode().map_err(corrupt)?;
    Ok((w, h, img.into_rgb8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_names_what_it_refuses() {
        assert_eq!(sniff(b""), Err(PhotoError::Empty));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Err(PhotoError::Unsupported("HEIC")));
        assert_eq!(sniff(b"GIF89a...."), Err(PhotoError::Unsupported("GIF")));
        assert_eq!(sniff(b"<html>not a photo</html>"), Err(PhotoError::NotAnImage));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(MediaType::Jpeg));
    }

    #[test]
    fn a_rotated_phone_photo_is_turned_upright_and_stripped() {
        let jpeg = fixtures::phone_jpeg(1200, 900, 6, 7);
        let p = process(&jpeg, &PhotoLimits::default()).unwrap();
        assert_eq!((p.width, p.height), (900, 1200), "orientation 6 turns landscape into portrait");
        let review = image::load_from_memory(&p.review).unwrap();
        assert_eq!((review.width(), review.height()), (900, 1200));
        assert!(!p.review.windows(4).any(|w| w == b"Exif"), "no EXIF in the display copy");
        assert!(!p.thumb.windows(4).any(|w| w == b"Exif"));
        assert!(jpeg.windows(4).any(|w| w == b"Exif"), "the fixture does carry EXIF");
        assert!(p.blur > 0.0 && p.brightness > 0.0);
    }

    #[test]
    fn absurd_headers_are_refused_before_decoding() {
        let huge = fixtures::jpeg_claiming(50_000, 50_000);
        assert!(matches!(process(&huge, &PhotoLimits::default()), Err(PhotoError::TooManyPixels { .. })));
        let png = fixtures::png_claiming(50_000, 50_000);
        assert!(matches!(process(&png, &PhotoLimits::default()), Err(PhotoError::TooManyPixels { .. })));
    }

    #[test]
    fn truncated_and_fake_files_are_refused() {
        let jpeg = fixtures::phone_jpeg(640, 480, 1, 3);
        assert!(process(&jpeg[..200], &PhotoLimits::default()).is_err());
        assert_eq!(
            process(b"just text named photo.jpg", &PhotoLimits::default()).unwrap_err(),
            PhotoError::NotAnImage
        );
        let limits = PhotoLimits { max_bytes: 100, ..PhotoLimits::default() };
        assert_eq!(process(&jpeg, &limits).unwrap_err(), PhotoError::TooLarge { max_bytes: 100 });
    }

    #[test]
    fn near_identical_photos_have_close_hashes() {
        let a = process(&fixtures::selfie_jpeg(11, 0), &PhotoLimits::default()).unwrap();
        let b = process(&fixtures::selfie_jpeg(11, 25), &PhotoLimits::default()).unwrap();
        let c = process(&fixtures::selfie_jpeg(12, 0), &PhotoLimits::default()).unwrap();
        assert!(hamming(a.phash, b.phash) <= 6, "brightened copy: {}", hamming(a.phash, b.phash));
        assert!(hamming(a.phash, c.phash) > 10, "another face: {}", hamming(a.phash, c.phash));
    }
}
