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

/// The position of the first step whose `run` contains `what`.
fn step_running(steps: &[Value], what: &str) -> usize {
    steps
        .iter()
        .position(|s| s["run"].as_str().is_some_and(|r| r.contains(what)))
        .unwrap_or_else(|| panic!("no step runs `{what}`"))
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
    // The program: the latest release when asked for, else compiled from the checkout.
    let get = step_running(build_steps, "gh release download");
    let get_run = build_steps[get]["run"].as_str().unwrap();
    assert!(
        get_run.contains("cargo build --release --locked"),
        "{get_run}"
    );
    assert!(get_run.contains("ambassade-x86_64-unknown-linux-musl.tar.gz"));
    assert!(get_run.contains("GITHUB_PATH"));
    // Problems become annotations before the build; the build fails on them all the same.
    let check = step_running(build_steps, "ambassade check --format github");
    let build_at = step_running(build_steps, "ambassade build");
    assert!(get < check && check < build_at);
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
    // A failed check or build stops the job: no step may ignore errors.
    assert!(build_steps
        .iter()
        .all(|s| s["continue-on-error"].as_bool() != Some(true)));

    // Pull requests are checked, never published.
    let not_pr = "github.event_name != 'pull_request'";
    assert!(wf["on"]["pull_request"].is_mapping());
    assert_eq!(build_steps[upload_at]["if"], not_pr);
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["if"], not_pr);
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
    assert_eq!(job["extends"], ".ambassade");
    assert_eq!(strings(&job["script"]), vec!["ambassade build"]);
    assert_eq!(strings(&job["artifacts"]["paths"]), vec!["public"]);
    let main_only = |job: &Value| {
        job["rules"].as_sequence().expect("rules").iter().any(|r| {
            r["if"]
                .as_str()
                .is_some_and(|c| c.contains("$CI_COMMIT_BRANCH") && c.contains("\"main\""))
        })
    };
    assert!(main_only(job));
    assert!(job["allow_failure"].as_bool() != Some(true));

    // Both jobs get the program the same way: downloaded, else compiled.
    let get = strings(&ci[".ambassade"]["before_script"]).join("\n");
    assert!(get.contains("$AMBASSADE_RELEASES/$archive"), "{get}");
    assert!(get.contains("cargo build --release --locked"), "{get}");

    // The check runs first and leaves a Code Quality report, even when it fails.
    let check = &ci["check"];
    assert_eq!(check["stage"], "test");
    assert_eq!(strings(&ci["stages"]), vec!["test", "deploy"]);
    let script = strings(&check["script"]).join("\n");
    assert!(
        script.contains("ambassade check --format gitlab --output gl-code-quality-report.json"),
        "{script}"
    );
    assert_eq!(check["artifacts"]["when"], "always");
    assert_eq!(
        check["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    assert!(main_only(check));
    assert!(check["allow_failure"].as_bool() != Some(true));
}

#[test]
fn release_workflow_builds_every_platform_on_a_tag() {
    let wf = load("release.yml");
    assert_eq!(strings(&wf["on"]["push"]["tags"]), vec!["v*"]);
    let targets: Vec<String> = wf["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .expect("a matrix of targets")
        .iter()
        .filter_map(|t| t["target"].as_str().map(str::to_string))
        .collect();
    for t in [
        "x86_64-unknown-linux-musl",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.iter().any(|x| x == t), "{t} missing: {targets:?}");
    }
    let steps = wf["jobs"]["build"]["steps"].as_sequence().unwrap();
    let pack = steps[step_running(steps, "tar -czf")]["run"]
        .as_str()
        .unwrap();
    assert!(pack.contains("README.md") && pack.contains("docs/guide-editeurs.md"));
    // The archives the Pages workflows and the guide download keep their names.
    assert!(pack.contains("name=\"ambassade-$TARGET\""), "{pack}");
    let release = &wf["jobs"]["release"];
    assert_eq!(release["needs"], "build");
    assert_eq!(release["permissions"]["contents"], "write");
    let upload = release["steps"].as_sequence().unwrap();
    step_running(upload, "gh release upload");
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
