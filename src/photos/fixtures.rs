//! Photos drawn by the program: phone photos with EXIF orientation and GPS tags, selfies and ID
//! cards for the demo data, and hostile files for the tests. Deterministic for a given seed.

use image::{Rgb, RgbImage};

fn encode(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .expect("encoding to memory cannot fail");
    out
}

/// A small deterministic pseudo-random sequence (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn byte(&mut self) -> u8 {
        (self.next() >> 24) as u8
    }
}

/// A `width` x `height` JPEG like a phone camera's: a textured scene, with an EXIF block holding
/// `orientation` and GPS coordinates.
pub fn phone_jpeg(width: u32, height: u32, orientation: u16, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (a, b, c) = (rng.byte(), rng.byte(), rng.byte());
    let img = RgbImage::from_fn(width, height, |x, y| {
        let n = (rng.next() & 0x1F) as u8;
        let r = ((x * 255 / width.max(1)) as u8).wrapping_add(a) / 2 + n;
        let g = ((y * 255 / height.max(1)) as u8).wrapping_add(b) / 2 + n;
        let bl = (((x / 64 + y / 64) % 2) as u8 * 90).wrapping_add(c / 2) + n;
        Rgb([r, g, bl])
    });
    with_exif(&encode(&img, 92), orientation)
}

/// Inserts an APP1 EXIF block (orientation, GPS latitude) after the JPEG's SOI marker.
pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2A\0\0\0\x08");
    // IFD0: orientation, pointer to the GPS IFD at offset 38.
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1]);
    tiff.extend_from_slice(&38u32.to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD: latitude reference and latitude (43° 15' 0" N, Almaty).
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0x00, 0x02, 0x00, 0x05, 0, 0, 0, 3]);
    tiff.extend_from_slice(&68u32.to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes());
    for (num, den) in [(43u32, 1u32), (15, 1), (0, 1)] {
        tiff.extend_from_slice(&num.to_be_bytes());
        tiff.extend_from_slice(&den.to_be_bytes());
    }
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let len = u16::try_from(payload.len() + 2).expect("small EXIF block");
    let mut out = Vec::with_capacity(jpeg.len() + payload.len() + 4);
    out.extend_from_slice(&jpeg[..2]);
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// The drawn face of `person`: colours, centre and size in a 600 x 800 frame.
#[derive(Clone, Copy)]
struct Face {
    bg: [u8; 3],
    skin: [u8; 3],
    hair: [u8; 3],
    cx: f64,
    cy: f64,
    rx: f64,
    ry: f64,
    eye_dy: f64,
    /// Direction (cos, sin), period and strength of the stripes on the wall behind.
    stripes: (f64, f64, f64, f64),
}

impl Face {
    fn of(person: u64) -> Face {
        let mut rng = Rng(person.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
        let bg = [rng.byte() / 2 + 100, rng.byte() / 2 + 100, rng.byte() / 2 + 110];
        let skin = [170 + rng.byte() / 4, 120 + rng.byte() / 4, 90 + rng.byte() / 4];
        let hair = [rng.byte() / 4, rng.byte() / 5, rng.byte() / 6];
        let cx = 300.0 + f64::from(rng.byte()) * 0.7 - 90.0;
        let cy = 380.0 + f64::from(rng.byte()) * 0.45 - 60.0;
        let (rx, ry) = (120.0 + f64::from(rng.byte() % 80), 170.0 + f64::from(rng.byte() % 80));
        let eye_dy = 30.0 + f64::from(rng.byte() % 40);
        // A patterned wall behind the person: stripes at an angle and width of their own.
        let angle = f64::from(rng.byte()) / 255.0 * std::f64::consts::PI;
        let stripes =
            (angle.cos(), angle.sin(), 30.0 + f64::from(rng.byte() % 90), 20.0 + f64::from(rng.byte() % 30));
        Face { bg, skin, hair, cx, cy, rx, ry, eye_dy, stripes }
    }

    /// The colour at `(fx, fy)` of the 600 x 800 frame.
    fn pixel(&self, fx: f64, fy: f64) -> [u8; 3] {
        let Face { bg, skin, hair, cx, cy, rx, ry, eye_dy, stripes: (sx, sy, period, strength) } = *self;
        let in_ellipse =
            |cx: f64, cy: f64, rx: f64, ry: f64| ((fx - cx) / rx).powi(2) + ((fy - cy) / ry).powi(2) <= 1.0;
        let wave = ((fx * sx + fy * sy) / period).sin() * strength;
        let wall = bg.map(|c| (f64::from(c) + wave).clamp(0.0, 255.0) as u8);
        let mut p = if fy > 640.0 { [60, 70, 90] } else { wall };
        if in_ellipse(cx, cy - ry * 0.55, rx * 1.05, ry * 0.6) {
            p = hair;
        }
        if in_ellipse(cx, cy, rx, ry) {
            p = skin;
            if in_ellipse(cx - rx * 0.4, cy - eye_dy, 22.0, 12.0)
                || in_ellipse(cx + rx * 0.4, cy - eye_dy, 22.0, 12.0)
            {
                p = [40, 30, 30];
            }
            if in_ellipse(cx, cy + ry * 0.5, rx * 0.35, 14.0) {
                p = [150, 60, 60];
            }
        }
        p
    }
}

/// A 600 x 800 selfie of `person` (the same face for the same number), `brighten` added to every
/// channel.
pub fn selfie_jpeg(person: u64, brighten: u8) -> Vec<u8> {
    let face = Face::of(person);
    let img = RgbImage::from_fn(600, 800, |x, y| {
        Rgb(face.pixel(f64::from(x), f64::from(y)).map(|c| c.saturating_add(brighten)))
    });
    encode(&img, 88)
}

/// The front or back of a Kazakh ID card: a pale card with lines of "text" and, on the front,
/// the holder's portrait (the face of their selfie) in the photo box.
pub fn id_card_jpeg(person: u64, back: bool) -> Vec<u8> {
    let mut rng = Rng((person + if back { 7919 } else { 0 }).wrapping_mul(0x9E37_79B9) | 1);
    let (w, h) = (1000u32, 630u32);
    let lines: Vec<(u32, u32)> = (0..7).map(|i| (360 + (rng.byte() as u32 % 40), 120 + i * 62)).collect();
    let lens: Vec<u32> = (0..7).map(|_| 200 + u32::from(rng.byte())).collect();
    let tint = rng.byte() / 10;
    let face = Face::of(person);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let mut p = [225 - tint, 235, 245 - tint];
        if y < 70 {
            p = [30, 110, 170];
        }
        if !back && (60..300).contains(&x) && (110..430).contains(&y) {
            // The 240 x 320 box shows the 600 x 800 selfie frame at 2/5.
            p = face.pixel(f64::from(x - 60) * 2.5, f64::from(y - 110) * 2.5);
        }
        for (i, (lx, ly)) in lines.iter().enumerate() {
            let lx = if back { *lx - 300 } else { *lx };
            if (*ly..*ly + 18).contains(&y) && (lx..lx + lens[i]).contains(&x) && (x / 9) % 5 != 0 {
                p = [40, 40, 60];
            }
        }
        if back && y > 470 && y < 560 && (x / 3) % 2 == 0 && x > 60 && x < 940 {
            p = [20, 20, 20];
        }
        Rgb(p)
    });
    encode(&img, 88)
}

/// `jpeg` decoded, every channel lifted by `by`, and encoded again: the same picture taken
/// again in better light.
pub fn brighter(jpeg: &[u8], by: u8) -> Vec<u8> {
    let mut img = image::load_from_memory(jpeg).expect("a drawn JPEG decodes").into_rgb8();
    for p in img.pixels_mut() {
        p.0 = p.0.map(|c| c.saturating_add(by));
    }
    encode(&img, 88)
}

/// A valid small JPEG whose header claims `width` x `height` pixels.
pub fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = encode(&RgbImage::new(16, 16), 80);
    let sof = jpeg.windows(2).position(|m| m == [0xFF, 0xC0]).expect("baseline JPEG has SOF0");
    jpeg[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    jpeg
}

/// A valid small PNG whose header claims `width` x `height` pixels (with a correct CRC).
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = Vec::new();
    RgbImage::new(4, 4)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("encoding to memory cannot fail");
    // IHDR data starts at 16: width, height; its CRC covers type + data (12..29).
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
