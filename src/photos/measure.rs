//! Quality signals and the perceptual hash, computed on a small grey copy.

use image::{GrayImage, RgbImage, imageops};

pub(super) struct Measures {
    pub blur: f64,
    pub brightness: f64,
    pub phash: i64,
}

/// Blur on a 512-pixel copy of `review` (fine detail matters); brightness and the hash on the
/// thumbnail (they do not need more).
pub(super) fn measure(thumb: &RgbImage, review: &RgbImage) -> Measures {
    let (w, h) = review.dimensions();
    let scale = (512.0 / f64::from(w.max(h))).min(1.0);
    let nw = ((f64::from(w) * scale).round() as u32).max(3);
    let nh = ((f64::from(h) * scale).round() as u32).max(3);
    let small = super::resize::shrink(review, nw, nh);
    let grey: GrayImage = image::DynamicImage::ImageRgb8(small).into_luma8();
    let thumb_grey: GrayImage = image::DynamicImage::ImageRgb8(thumb.clone()).into_luma8();
    Measures { blur: laplacian_variance(&grey), brightness: mean(&thumb_grey), phash: dhash(&thumb_grey) }
}

fn mean(g: &GrayImage) -> f64 {
    let sum: u64 = g.as_raw().iter().map(|&v| u64::from(v)).sum();
    sum as f64 / g.as_raw().len().max(1) as f64
}

/// Variance of the 4-neighbour Laplacian: sharp edges give large values, blur small ones.
fn laplacian_variance(g: &GrayImage) -> f64 {
    let (w, h) = g.dimensions();
    if w < 3 || h < 3 {
        return 0.0;
    }
    let px = |x: u32, y: u32| f64::from(g.get_pixel(x, y)[0]);
    let (mut sum, mut sum_sq, mut n) = (0.0, 0.0, 0.0);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let l = px(x - 1, y) + px(x + 1, y) + px(x, y - 1) + px(x, y + 1) - 4.0 * px(x, y);
            sum += l;
            sum_sq += l * l;
            n += 1.0;
        }
    }
    let m = sum / n;
    sum_sq / n - m * m
}

/// A finer difference hash (16 x 16 = 256 bits, as 64 hex digits), to tell near-identical
/// photos from merely similar ones after the 64-bit hash found them.
pub(super) fn fine_hash(img: &RgbImage) -> String {
    let g = image::DynamicImage::ImageRgb8(img.clone()).into_luma8();
    let small = imageops::resize(&g, 17, 16, imageops::FilterType::Triangle);
    let mut bytes = [0u8; 32];
    for y in 0..16 {
        for x in 0..16 {
            if small.get_pixel(x, y)[0] > small.get_pixel(x + 1, y)[0] {
                let bit = (y * 16 + x) as usize;
                bytes[bit / 8] |= 1 << (bit % 8);
            }
        }
    }
    hex::encode(bytes)
}

/// How many bits two fine hashes differ in (`None` if either is not a fine hash).
pub fn fine_distance(a: &str, b: &str) -> Option<u32> {
    let (a, b) = (hex::decode(a).ok()?, hex::decode(b).ok()?);
    (a.len() == 32 && b.len() == 32).then(|| a.iter().zip(&b).map(|(x, y)| (x ^ y).count_ones()).sum())
}

/// The difference hash of a colour image.
pub(super) fn dhash_rgb(img: &RgbImage) -> i64 {
    dhash(&image::DynamicImage::ImageRgb8(img.clone()).into_luma8())
}

/// Difference hash: a 9x8 grey copy, one bit per horizontal neighbour pair.
fn dhash(g: &GrayImage) -> i64 {
    let small = imageops::resize(g, 9, 8, imageops::FilterType::Triangle);
    let mut bits: u64 = 0;
    for y in 0..8 {
        for x in 0..8 {
            bits <<= 1;
            if small.get_pixel(x, y)[0] > small.get_pixel(x + 1, y)[0] {
                bits |= 1;
            }
        }
    }
    bits as i64
}

/// How many bits two perceptual hashes differ in (0: same picture).
pub fn hamming(a: i64, b: i64) -> u32 {
    (a ^ b).count_ones()
}
