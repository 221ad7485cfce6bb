//! The publishing files of `deploy/` are valid YAML with the structure their CI services
//! expect: built on every push to main with `ambassade build`, and `public/` published.

use std::fs;
use std::path::PathBuf;

use serde_yaml::Value;

fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not valid YAML: {e}", path.display()))
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Sequence(s) => s
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[test]
fn github_workflow_builds_main_and_publishes_public() {
    let wf = load("github-pages.yml");
    // `on` is a plain key in YAML 1.2 (GitHub reads it so), not the boolean `true`.
    let branches = strings(&wf["on"]["push"]["branches"]);
    assert!(branches.contains(&"main".to_string()), "{branches:?}");
    assert_eq!(wf["permissions"]["pages"], "write");
    assert_eq!(wf["permissions"]["id-token"], "write");

    let build_steps = wf["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("a build job with steps");
    let runs: Vec<&str> = build_steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("cargo run --release") && r.contains("-- build")),
        "no step runs the build: {runs:?}"
    );
    let build_at = build_steps
        .iter()
        .position(|s| s["run"].as_str().is_some_and(|r| r.contains("-- build")))
        .unwrap();
    let upload_at = build_steps
        .iter()
        .position(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("an upload-pages-artifact step");
    assert!(upload_at > build_at, "public/ is uploaded after the build");
    let path = build_steps[upload_at]["with"]["path"]
        .as_str()
        .unwrap_or("");
    assert_eq!(path.trim_end_matches('/'), "public");
    // A failed build stops the job: no step may ignore errors.
    assert!(build_steps
        .iter()
        .all(|s| s["continue-on-error"].as_bool() != Some(true)));

    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    let deploys = deploy["steps"].as_sequence().unwrap().iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/deploy-pages@"))
    });
    assert!(deploys, "no deploy-pages step");
}

#[test]
fn gitlab_pages_job_builds_main_and_publishes_public() {
    let ci = load("gitlab-ci.yml");
    let job = &ci["pages"];
    assert!(job.is_mapping(), "GitLab publishes the job named `pages`");
    let script = strings(&job["script"]);
    assert!(
        script
            .iter()
            .any(|l| l.contains("cargo run --release") && l.contains("-- build")),
        "{script:?}"
    );
    assert_eq!(strings(&job["artifacts"]["paths"]), vec!["public"]);
    let rules = job["rules"].as_sequence().expect("rules");
    assert!(
        rules.iter().any(|r| r["if"]
            .as_str()
            .is_some_and(|c| c.contains("$CI_COMMIT_BRANCH") && c.contains("\"main\""))),
        "{rules:?}"
    );
    assert!(job["allow_failure"].as_bool() != Some(true));
}

#[test]
fn nginx_snippet_serves_calendars_as_text_calendar() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx.conf");
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains("text/calendar         ics;"));
    assert!(text.contains("charset utf-8;"));
    assert!(text.contains("charset_types") && text.contains("text/calendar"));
    assert!(text.contains("Cache-Control"));
    assert!(text.contains("error_page 404 /404.html;"));
    // Braces balance: a pasted snippet must not break the configuration.
    let open = text.matches('{').count();
    assert_eq!(open, text.matches('}').count());
}
