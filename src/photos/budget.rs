//! The memory photo decoding may take, one budget for every decode of the process: a decode
//! reserves what it will allocate (read from the image's header: width × height × channels ×
//! bytes per channel, and the copies the pipeline makes) before it starts, and waits while the
//! budget is spent. The process then stays under `--decode-memory-mb` however many decodes the
//! cores could run, and a small file that decodes to hundreds of megabytes (a decompression
//! bomb) waits its turn like any other. A photo that alone needs more than the whole budget is
//! refused.

use std::{io::Cursor, sync::Arc};

use image::{ColorType, ImageDecoder, ImageFormat, ImageReader};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::{MediaType, PhotoError, PhotoLimits, REVIEW_SIDE, check_dimensions, sniff};

/// What the pipeline allocates besides the decoded image: the review copy, turned, its
/// thumbnail and the measurements' working copies (a few review-sized RGB images).
const WORKING: u64 = REVIEW_SIDE as u64 * REVIEW_SIDE as u64 * 3 * 4;

/// The decode memory of a process, counted in KiB.
#[derive(Clone, Debug)]
pub struct Budget {
    kib: Arc<Semaphore>,
    total_kib: u32,
}

impl Budget {
    /// A budget of `bytes`.
    pub fn new(bytes: u64) -> Budget {
        let total_kib = u32::try_from(bytes / 1024).unwrap_or(u32::MAX).max(1);
        Budget { kib: Arc::new(Semaphore::new(total_kib as usize)), total_kib }
    }

    /// Reserves `bytes` until the permit is dropped, waiting while the budget is spent; a
    /// photo needing more than the whole budget is refused as too many pixels.
    pub async fn reserve(
        &self,
        bytes: u64,
        width: u32,
        height: u32,
    ) -> Result<OwnedSemaphorePermit, PhotoError> {
        let kib = u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX);
        if kib > self.total_kib {
            return Err(PhotoError::TooManyPixels { width, height });
        }
        self.kib.clone().acquire_many_owned(kib).await.map_err(|e| PhotoError::Corrupt(e.to_string()))
    }

    /// KiB not reserved now.
    pub fn available_kib(&self) -> usize {
        self.kib.available_permits()
    }
}

/// What decoding `bytes` will allocate at most, with its width and height, from the header
/// alone; the limits on size and pixels are checked on the way.
pub fn estimate(bytes: &[u8], limits: &PhotoLimits) -> Result<(u64, u32, u32), PhotoError> {
    if bytes.len() > limits.max_bytes {
        return Err(PhotoError::TooLarge { max_bytes: limits.max_bytes });
    }
    let (format, media) = match sniff(bytes)? {
        MediaType::Jpeg => return estimate_jpeg(bytes, limits),
        MediaType::Png => (ImageFormat::Png, "PNG"),
        MediaType::Webp => (ImageFormat::WebP, "WebP"),
    };
    let decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(|e| PhotoError::Corrupt(format!("{media} header: {e}")))?;
    let (w, h) = decoder.dimensions();
    check_dimensions(w, h, limits)?;
    let pixels = u64::from(w) * u64::from(h);
    let color = decoder.color_type();
    // The decoded image, and its 8-bit RGB copy unless it is one already.
    let rgb = if color == ColorType::Rgb8 { 0 } else { pixels * 3 };
    Ok((pixels * u64::from(color.bytes_per_pixel()) + rgb + WORKING, w, h))
}

fn estimate_jpeg(bytes: &[u8], limits: &PhotoLimits) -> Result<(u64, u32, u32), PhotoError> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.read_info().map_err(|e| PhotoError::Corrupt(e.to_string()))?;
    let info = decoder.info().ok_or_else(|| PhotoError::Corrupt("no image header".into()))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    check_dimensions(w, h, limits)?;
    let components: u64 = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => 1,
        jpeg_decoder::PixelFormat::L16 => 2,
        jpeg_decoder::PixelFormat::RGB24 => 3,
        jpeg_decoder::PixelFormat::CMYK32 => 4,
    };
    // Counted at full size, whatever the scale of the decode: a progressive JPEG keeps every
    // coefficient (two bytes each) of the whole image while it decodes.
    let pixels = u64::from(w) * u64::from(h);
    Ok((pixels * components * 2 + WORKING, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photos::fixtures;

    fn png(image: image::DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn the_estimate_follows_pixels_channels_and_depth() {
        let limits = PhotoLimits::default();
        let (rgb8, _, _) = estimate(&png(image::DynamicImage::new_rgb8(1000, 500)), &limits).unwrap();
        assert_eq!(rgb8, 1000 * 500 * 3 + WORKING);
        let (rgb16, _, _) = estimate(&png(image::DynamicImage::new_rgb16(1000, 500)), &limits).unwrap();
        assert_eq!(
            rgb16,
            1000 * 500 * 6 + 1000 * 500 * 3 + WORKING,
            "16 bits a channel, then the 8-bit copy"
        );
        let jpeg = fixtures::phone_jpeg(1200, 900, 1, 3);
        let (j, w, h) = estimate(&jpeg, &limits).unwrap();
        assert_eq!((j, w, h), (1200 * 900 * 3 * 2 + WORKING, 1200, 900));
        let tall = png(image::DynamicImage::new_luma8(12_001, 10));
        assert!(matches!(estimate(&tall, &limits), Err(PhotoError::TooManyPixels { .. })));
    }

    #[tokio::test]
    async fn a_decode_waits_for_the_budget_and_one_larger_than_it_is_refused() {
        let budget = Budget::new(10 * 1024 * 1024);
        let first = budget.reserve(6 * 1024 * 1024, 1, 1).await.unwrap();
        let waiting =
            tokio::time::timeout(std::time::Duration::from_millis(50), budget.reserve(6 * 1024 * 1024, 1, 1));
        assert!(waiting.await.is_err(), "the second waits while the first holds its share");
        drop(first);
        assert!(budget.reserve(6 * 1024 * 1024, 1, 1).await.is_ok());
        assert!(matches!(
            budget.reserve(11 * 1024 * 1024, 5, 5).await,
            Err(PhotoError::TooManyPixels { .. })
        ));
        assert_eq!(budget.available_kib(), 10 * 1024);
    }
}
