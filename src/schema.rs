//! JSON Schemas of the content files, for editors' autocompletion and validation.
//!
//! They are generated from the very structs the loader deserialises (`content::raw`) and the
//! vocabularies of `model`, so a field added to the loader appears in the schemas without
//! anyone writing JSON by hand. A schema checks the shape of a file (field names, types,
//! allowed words); `ambassade check` remains the full validation (dates, references, files).
//!
//! The schemas use JSON Schema draft-07, the draft every YAML editor plug-in understands, with
//! sub-schemas inlined so that each file stands alone.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};

use crate::content::raw;

/// One kind of content file and its schema.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// Short name: `site`, `event`… The file is `<kind>.schema.json`.
    pub kind: &'static str,
    /// Which files it describes, as a glob relative to the site folder.
    pub applies_to: &'static str,
    /// True for Markdown files, whose YAML header (between the `---` lines) it describes.
    pub front_matter: bool,
    pub schema: Value,
}

impl SchemaFile {
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.kind)
    }
}

fn generate<T: JsonSchema>(
    kind: &'static str,
    applies_to: &'static str,
    front_matter: bool,
    title: &str,
) -> SchemaFile {
    let generator = SchemaSettings::draft07()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("title".into(), Value::String(title.into()));
    }
    SchemaFile {
        kind,
        applies_to,
        front_matter,
        schema: value,
    }
}

/// The schemas of every kind of content file, in the order of the README's reference.
pub fn all() -> Vec<SchemaFile> {
    vec![
        generate::<raw::SiteFile>("site", "content/site.yaml", false, "ambassade: site.yaml"),
        generate::<raw::BaselineFile>(
            "baseline",
            "content/baseline.yaml",
            false,
            "ambassade: baseline.yaml",
        ),
        generate::<raw::AxesFile>("axes", "content/axes.yaml", false, "ambassade: axes.yaml"),
        generate::<raw::CharterFile>(
            "charter",
            "content/charter.yaml",
            false,
            "ambassade: charter.yaml",
        ),
        generate::<raw::LexiconFile>(
            "lexicon",
            "content/lexicon.yaml",
            false,
            "ambassade: lexicon.yaml",
        ),
        generate::<raw::KitFile>("kit", "content/kit.yaml", false, "ambassade: kit.yaml"),
        generate::<raw::NetworksFile>(
            "networks",
            "content/networks.yaml",
            false,
            "ambassade: networks.yaml",
        ),
        generate::<raw::SheetFile>(
            "sheet",
            "content/sheets/*.yaml",
            false,
            "ambassade: sheets/mission.yaml and sheets/identification.yaml",
        ),
        generate::<raw::PageFront>(
            "page",
            "content/pages/*.md",
            true,
            "ambassade: the header of a page (pages/<slug>.md)",
        ),
        generate::<raw::AmbassadorFront>(
            "ambassador",
            "content/ambassadeurs/*.md",
            true,
            "ambassade: the header of an ambassador's public profile (ambassadeurs/<id>.md)",
        ),
        generate::<raw::EventFront>(
            "event",
            "content/events/*.md",
            true,
            "ambassade: the header of an event (events/<slug>.md)",
        ),
        generate::<raw::SiteTextsFile>(
            "site-translation",
            "content/site.*.yaml",
            false,
            "ambassade: the site's title and description in another language (site.<ll>.yaml)",
        ),
        generate::<raw::EventTextFront>(
            "event-translation",
            "content/events/*.*.md",
            true,
            "ambassade: the header of an event's translation (events/<slug>.<ll>.md)",
        ),
    ]
}

/// Writes every schema into `dir` (created if needed) and returns the paths written.
pub fn write_all(dir: &Path) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for s in all() {
        let path = dir.join(s.file_name());
        let mut text = serde_json::to_string_pretty(&s.schema).map_err(io::Error::other)?;
        text.push('\n');
        fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

/// The file name of the private profiles' schema.
pub const PRIVATE_PROFILE: &str = "private-profile.schema.json";

/// The schema of a private profile (`private/ambassadeurs/<id>.yaml`), made from the site's
/// identification sheet rather than from a Rust type: each field id is a property whose type
/// follows the field's kind, as `content::private` reads it. A signature is never stored, so
/// it is no property.
pub fn private_profile(sheet: &crate::model::Sheet) -> Value {
    use crate::model::FieldKind;
    let mut props = Map::new();
    for f in sheet.sections.iter().flat_map(|s| &s.fields) {
        let Some(id) = &f.id else { continue };
        let labels: Vec<&str> = f.options.iter().map(|o| o.label.as_str()).collect();
        let schema = match f.kind {
            FieldKind::Text => json!({"type": "string"}),
            FieldKind::Lines => json!({"anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
            ]}),
            FieldKind::Choice => json!({"enum": labels}),
            FieldKind::MultiChoice => {
                json!({"type": "array", "items": {"enum": labels}, "uniqueItems": true})
            }
            FieldKind::Grid => {
                let rows: Map<String, Value> = f
                    .rows
                    .iter()
                    .map(|r| {
                        (
                            r.clone(),
                            json!({"anyOf": [
                                {"type": "array", "items": {"enum": f.columns}},
                                {"enum": f.columns},
                                {"type": "null"},
                            ]}),
                        )
                    })
                    .collect();
                json!({"type": "object", "properties": rows, "additionalProperties": false})
            }
            FieldKind::YesNo | FieldKind::Charter => json!({"type": "boolean"}),
            FieldKind::Date => json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
            FieldKind::Signature => continue,
        };
        let description = match &f.help {
            Some(h) if !h.is_empty() => format!("{} ({h})", f.label),
            _ => f.label.clone(),
        };
        // A key left blank (`phone:`) is an answer not given.
        let schema = json!({"description": description, "anyOf": [schema, {"type": "null"}]});
        props.insert(id.clone(), schema);
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": format!("ambassade: a private profile (private/ambassadeurs/<id>.yaml), from « {} »", sheet.title),
        "type": "object",
        "properties": props,
        "additionalProperties": false,
    })
}

/// The `yaml.schemas` setting of VS Code's YAML extension (Red Hat) for the YAML files, with
/// the schemas in `schema_dir` (a path relative to the workspace, `/`-separated). Markdown
/// front matter is left out: that extension does not validate `.md` files.
pub fn vscode_settings(schema_dir: &str) -> Value {
    let dir = schema_dir.trim_end_matches('/');
    // An absolute folder (`--out /tmp/schemas`) is given as it is, not made relative.
    let dir = if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("./{dir}")
    };
    let mut map = Map::new();
    for s in all().iter().filter(|s| !s.front_matter) {
        map.insert(
            format!("{dir}/{}", s.file_name()),
            Value::String(s.applies_to.into()),
        );
    }
    json!({ "yaml.schemas": map })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_come_from_the_loader_types() {
        let all = all();
        assert_eq!(all.len(), 13);
        // A translation's header repeats no field it cannot change.
        let tr = all.iter().find(|s| s.kind == "event-translation").unwrap();
        assert_eq!(tr.schema["required"], json!(["title"]));
        assert!(tr.schema["properties"].get("level").is_none());
        let event = all.iter().find(|s| s.kind == "event").unwrap();
        let props = &event.schema["properties"];
        // A vocabulary is an enum of the words the loader accepts.
        let levels = props["level"]["enum"].as_array().unwrap();
        assert!(levels.contains(&json!("european")));
        // Doc comments become descriptions.
        assert!(props["start"]["description"]
            .as_str()
            .unwrap()
            .contains("YYYY-MM-DD"));
        // Unknown fields are errors in the loader, so they are in the schema too.
        assert_eq!(event.schema["additionalProperties"], json!(false));
        let required = event.schema["required"].as_array().unwrap();
        assert!(required.contains(&json!("title")) && required.contains(&json!("level")));
        assert!(!required.contains(&json!("status")));
        assert_eq!(
            event.schema["$schema"],
            json!("http://json-schema.org/draft-07/schema#")
        );
        // A profile has no field to reach the person: contact goes through the support group.
        let profile = all.iter().find(|s| s.kind == "ambassador").unwrap();
        let fields = profile.schema["properties"].as_object().unwrap();
        assert!(fields.contains_key("name") && fields.contains_key("photo"));
        assert!(!fields
            .keys()
            .any(|k| k.contains("mail") || k.contains("phone")));
        assert_eq!(profile.schema["additionalProperties"], json!(false));
    }

    #[test]
    fn vscode_settings_map_yaml_files_only() {
        assert!(vscode_settings("/tmp/s")["yaml.schemas"]
            .as_object()
            .unwrap()
            .contains_key("/tmp/s/site.schema.json"));
        let v = vscode_settings("schemas/");
        let map = v["yaml.schemas"].as_object().unwrap();
        assert_eq!(map["./schemas/site.schema.json"], "content/site.yaml");
        assert_eq!(map["./schemas/sheet.schema.json"], "content/sheets/*.yaml");
        assert!(!map.contains_key("./schemas/event.schema.json"));
    }
}
