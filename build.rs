//! Embeds the Fluent files and the static assets into the binary, so a single file deploys.
use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("OUT_DIR");
    let root = env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");

    let mut locales = String::from("pub static FILES: &[(&str, &str, &str)] = &[\n");
    for lang in sorted_entries(&Path::new(&root).join("locales")) {
        if !lang.is_dir() {
            continue;
        }
        let code = lang.file_name().unwrap().to_string_lossy().into_owned();
        for file in sorted_entries(&lang) {
            if file.extension().is_some_and(|e| e == "ftl") {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                locales.push_str(&format!(
                    "    ({code:?}, {name:?}, include_str!({:?})),\n",
                    file.display().to_string()
                ));
            }
        }
    }
    locales.push_str("];\n");
    fs::write(Path::new(&out).join("locales.rs"), locales).expect("write locales.rs");

    let mut assets = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for file in sorted_entries(&Path::new(&root).join("static")) {
        if file.is_file() {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            assets.push_str(&format!("    ({name:?}, include_bytes!({:?})),\n", file.display().to_string()));
        }
    }
    assets.push_str("];\n");
    fs::write(Path::new(&out).join("assets.rs"), assets).expect("write assets.rs");

    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=static");
    for lang in sorted_entries(&Path::new(&root).join("locales")) {
        println!("cargo:rerun-if-changed={}", lang.display());
    }
}

fn sorted_entries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> =
        fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    entries.sort();
    entries
}
