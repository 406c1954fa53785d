//! Area-average downscaling: each output pixel is the mean of the source pixels it covers. One
//! pass over the source, integer arithmetic, good quality for any reduction factor.

use image::{RgbImage, metadata::Orientation};

/// `img` turned as the EXIF orientation says, in one pass over the raw buffer.
pub fn orient(img: &RgbImage, o: Orientation) -> RgbImage {
    let (w, h) = img.dimensions();
    let swap = matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    if o == Orientation::NoTransforms {
        return img.clone();
    }
    let (ow, oh) = if swap { (h, w) } else { (w, h) };
    let src = img.as_raw();
    let mut out = vec![0u8; src.len()];
    for oy in 0..oh {
        for ox in 0..ow {
            // Where output pixel (ox, oy) comes from in the source.
            let (sx, sy) = match o {
                Orientation::NoTransforms => (ox, oy),
                Orientation::FlipHorizontal => (w - 1 - ox, oy),
                Orientation::Rotate180 => (w - 1 - ox, h - 1 - oy),
                Orientation::FlipVertical => (ox, h - 1 - oy),
                Orientation::Rotate90 => (oy, h - 1 - ox),
                Orientation::Rotate270 => (w - 1 - oy, ox),
                Orientation::Rotate90FlipH => (oy, ox),
                Orientation::Rotate270FlipH => (w - 1 - oy, h - 1 - ox),
            };
            let s = (sy as usize * w as usize + sx as usize) * 3;
            let d = (oy as usize * ow as usize + ox as usize) * 3;
            out[d..d + 3].copy_from_slice(&src[s..s + 3]);
        }
    }
    RgbImage::from_raw(ow, oh, out).expect("the buffer matches the dimensions")
}

/// The source index ranges each output coordinate covers.
fn spans(src: u32, dst: u32) -> Vec<(u32, u32)> {
    (0..dst)
        .map(|i| {
            let start = (u64::from(i) * u64::from(src) / u64::from(dst)) as u32;
            let end =
                ((u64::from(i + 1) * u64::from(src)).div_ceil(u64::from(dst)) as u32).clamp(start + 1, src);
            (start, end)
        })
        .collect()
}

/// `img` scaled down to `width` x `height` (no larger than the source).
pub fn shrink(img: &RgbImage, width: u32, height: u32) -> RgbImage {
    let (sw, sh) = img.dimensions();
    let (width, height) = (width.clamp(1, sw), height.clamp(1, sh));
    if (width, height) == (sw, sh) {
        return img.clone();
    }
    let xs = spans(sw, width);
    let ys = spans(sh, height);
    let src = img.as_raw();
    let row_len = sw as usize * 3;
    let mut out = Vec::with_capacity(width as usize * height as usize * 3);
    let mut acc = vec![0u32; width as usize * 3];
    for &(y0, y1) in &ys {
        acc.iter_mut().for_each(|a| *a = 0);
        for y in y0..y1 {
            let row = &src[y as usize * row_len..(y as usize + 1) * row_len];
            for (sum, &(x0, x1)) in acc.chunks_exact_mut(3).zip(&xs) {
                let (mut r, mut g, mut b) = (sum[0], sum[1], sum[2]);
                let mut i = x0 as usize * 3;
                let end = x1 as usize * 3;
                while i < end {
                    r += u32::from(row[i]);
                    g += u32::from(row[i + 1]);
                    b += u32::from(row[i + 2]);
                    i += 3;
                }
                sum[0] = r;
                sum[1] = g;
                sum[2] = b;
            }
        }
        for (sum, &(x0, x1)) in acc.chunks_exact(3).zip(&xs) {
            let n = (x1 - x0) * (y1 - y0);
            out.extend(sum.iter().map(|v| ((v + n / 2) / n) as u8));
        }
    }
    RgbImage::from_raw(width, height, out).expect("the buffer matches the dimensions")
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{DynamicImage, Rgb};

    #[test]
    fn orientation_matches_the_image_crate() {
        let img = RgbImage::from_fn(5, 3, |x, y| Rgb([x as u8 * 40, y as u8 * 80, (x * y) as u8]));
        for code in 1..=8u8 {
            let o = Orientation::from_exif(code).unwrap();
            let mut expected = DynamicImage::ImageRgb8(img.clone());
            expected.apply_orientation(o);
            assert_eq!(orient(&img, o), expected.into_rgb8(), "orientation {code}");
        }
    }

    #[test]
    fn averages_what_each_pixel_covers() {
        let img = RgbImage::from_fn(4, 2, |x, _| if x < 2 { Rgb([0, 0, 0]) } else { Rgb([200, 100, 50]) });
        let small = shrink(&img, 2, 1);
        assert_eq!(small.get_pixel(0, 0), &Rgb([0, 0, 0]));
        assert_eq!(small.get_pixel(1, 0), &Rgb([200, 100, 50]));
        let odd = shrink(&RgbImage::new(2016, 1512), 1600, 1200);
        assert_eq!(odd.dimensions(), (1600, 1200));
    }
}
