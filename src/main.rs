//! The `ambassade` command: parses arguments, calls the library, prints problems, and maps
//! the outcome to an exit status (0 ok, 1 content problems, 2 usage errors).

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use ambassade::content::Reference;
use ambassade::diagnostic::Diagnostics;
use ambassade::model::{KitKind, Level};
use ambassade::progress::Progress;
use ambassade::scaffold::{NewError, NewItem};
use ambassade::{report, Options};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ambassade",
    version,
    about = "Builds the website of SMart's ambassadors programme from content/"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from DIR/content into DIR/public (or --output)
    Build(BuildArgs),
    /// Load, validate and render everything in memory; write nothing
    Check(CheckArgs),
    /// Preview the site: build in memory, serve it, rebuild and reload pages on every change
    Serve(ServeArgs),
    /// Start a new event, page, lexicon term, network or kit item
    New(NewArgs),
    /// Write the JSON Schemas of the content files (for editors' autocompletion)
    Schema(SchemaArgs),
}

#[derive(Args)]
struct CommonArgs {
    /// The site folder, holding content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Include content marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// The reference date for upcoming/past events (default: $SOURCE_DATE_EPOCH, else today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Output folder (default: DIR/public)
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Public address of the site, overriding base_url of site.yaml
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One line per problem with an excerpt and a hint (coloured on a terminal)
    Human,
    /// A JSON object on stdout: {"errors", "warnings", "diagnostics": [...]}
    Json,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// How to print the problems
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// The port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// The address to listen on; the default is reachable from this computer only
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,
}

#[derive(Args)]
struct RootArg {
    /// The site folder, holding content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

#[derive(Args)]
struct NewArgs {
    #[command(subcommand)]
    what: NewKind,
    /// The date written as a kit item's `updated` and used by the check of the result
    /// (default: $SOURCE_DATE_EPOCH, else today)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,
}

#[derive(Subcommand)]
enum NewKind {
    /// A new event: content/events/<slug>.md
    Event {
        /// The event's title; the file name is made from it
        title: String,
        /// YYYY-MM-DDTHH:MM (timed event) or YYYY-MM-DD (all-day event)
        #[arg(long)]
        start: String,
        /// Same form as --start; for an all-day event, the last day
        #[arg(long)]
        end: Option<String>,
        /// The level at which SMart is represented
        #[arg(long, value_parser = parse_level, default_value = "local")]
        level: Level,
        /// The file name without .md (default: made from the title)
        #[arg(long)]
        slug: Option<String>,
        /// Mark it `draft: true` (built only with --drafts)
        #[arg(long)]
        draft: bool,
        #[command(flatten)]
        root: RootArg,
    },
    /// A new page: content/pages/<slug>.md, published at /<slug>/
    Page {
        /// The page's title; the file name is made from it
        title: String,
        /// The file name without .md (default: made from the title)
        #[arg(long)]
        slug: Option<String>,
        /// Mark it `draft: true` (built only with --drafts)
        #[arg(long)]
        draft: bool,
        #[command(flatten)]
        root: RootArg,
    },
    /// A new term at the end of content/lexicon.yaml
    Term {
        /// The term as written
        term: String,
        /// Its anchor on /lexique/ (default: made from the term)
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        root: RootArg,
    },
    /// A new network at the end of content/networks.yaml
    Network {
        /// The network's name
        name: String,
        /// Its anchor on /reseaux/ (default: made from the name)
        #[arg(long)]
        id: Option<String>,
        /// The level at which it operates
        #[arg(long, value_parser = parse_level, default_value = "local")]
        level: Level,
        /// Its website
        #[arg(long)]
        url: Option<String>,
        #[command(flatten)]
        root: RootArg,
    },
    /// A new item at the end of content/kit.yaml (give --file or --url)
    KitItem {
        /// The item's title
        title: String,
        /// Its anchor on /kit/ (default: made from the title)
        #[arg(long)]
        id: Option<String>,
        /// What kind of item it is
        #[arg(long, value_parser = parse_kit_kind, default_value = "other")]
        kind: KitKind,
        /// Language code of the item
        #[arg(long, default_value = "fr")]
        language: String,
        /// A file inside content/, e.g. kit/affiche.pdf
        #[arg(long, conflicts_with = "url", required_unless_present = "url")]
        file: Option<String>,
        /// The item's address elsewhere
        #[arg(long)]
        url: Option<String>,
        #[command(flatten)]
        root: RootArg,
    },
}

#[derive(Args)]
struct SchemaArgs {
    /// The site folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the schemas (default: DIR/schemas)
    #[arg(long, value_name = "OUT")]
    out: Option<PathBuf>,
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date in the form YYYY-MM-DD"))
}

fn vocabulary<T: Copy>(s: &str, all: &[T], key: fn(T) -> &'static str) -> Result<T, String> {
    all.iter().copied().find(|&v| key(v) == s).ok_or_else(|| {
        let words: Vec<&str> = all.iter().map(|&v| key(v)).collect();
        format!("`{s}` is not one of {}", words.join(", "))
    })
}

fn parse_level(s: &str) -> Result<Level, String> {
    vocabulary(s, Level::ALL, Level::key)
}

fn parse_kit_kind(s: &str) -> Result<KitKind, String> {
    vocabulary(s, KitKind::ALL, KitKind::key)
}

/// `--today`, else `SOURCE_DATE_EPOCH` (reproducible builds), else the clock.
fn reference(today: Option<NaiveDate>) -> Result<Reference, String> {
    if let Some(d) = today {
        return Ok(Reference::Date(d));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .map(Reference::Epoch)
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{v}` is not a number of seconds")),
        _ => Ok(Reference::Epoch(chrono::Utc::now().timestamp())),
    }
}

fn options(common: &CommonArgs) -> Result<Options, String> {
    Ok(Options {
        root: common.root.clone(),
        output: None,
        base_url: None,
        drafts: common.drafts,
        today: reference(common.today)?,
    })
}

/// Prints problems on stderr: coloured on a terminal, plain when piped or with NO_COLOR.
fn report(diags: &Diagnostics, root: &Path) {
    eprint!("{}", report::human(diags, root, report::colour_on_stderr()));
}

fn build(args: &BuildArgs, started: Instant) -> Result<bool, String> {
    let mut o = options(&args.common)?;
    o.output = args.output.clone();
    o.base_url = args.base_url.clone();
    let out_dir = o.output_dir();
    let result = {
        let _progress = Progress::start("building the site…");
        ambassade::build(&o)
    };
    match result {
        Ok(g) => {
            report(&g.warnings, &o.root);
            let files = &g.output.files;
            let html = |k: &&String| k.ends_with(".html");
            let sheet = |k: &&String| k.starts_with("fiches/") || k.contains("/fiche-mission/");
            let sheets = files.keys().filter(html).filter(sheet).count();
            let pages = files.keys().filter(html).count() - sheets;
            let feeds = g.output.count_ending(".ics");
            let others = files.len() - pages - sheets - feeds;
            println!(
                "built {pages} pages, {sheets} sheets, {feeds} calendar files and {others} other files ({} events) in {} ms → {}",
                g.site.content.events.len(),
                started.elapsed().as_millis(),
                out_dir.display()
            );
            Ok(true)
        }
        Err(d) => {
            report(&d, &o.root);
            eprintln!("build failed: {} left unchanged", out_dir.display());
            Ok(false)
        }
    }
}

fn check(args: &CheckArgs, started: Instant) -> Result<bool, String> {
    let o = options(&args.common)?;
    let d = ambassade::check(&o);
    match args.format {
        Format::Json => {
            println!("{}", report::json(&d));
        }
        Format::Human => {
            report(&d, &o.root);
            if !d.has_errors() {
                println!("content is sound ({} ms)", started.elapsed().as_millis());
            }
        }
    }
    Ok(!d.has_errors())
}

fn serve(args: &ServeArgs) -> Result<bool, String> {
    // A fixed date (`--today`, `SOURCE_DATE_EPOCH`), checked here so that a bad value is a
    // usage error at start; otherwise "today" is read at each rebuild.
    let epoch_set = std::env::var("SOURCE_DATE_EPOCH").is_ok_and(|v| !v.trim().is_empty());
    let fixed = if args.common.today.is_some() || epoch_set {
        Some(reference(args.common.today)?)
    } else {
        None
    };
    let opts = ambassade::serve::ServeOptions {
        root: args.common.root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.common.drafts,
        today: Box::new(move || {
            fixed.unwrap_or_else(|| Reference::Epoch(chrono::Utc::now().timestamp()))
        }),
        colour: report::colour_on_stderr(),
    };
    match ambassade::serve::serve(opts) {
        Ok(()) => Ok(true),
        Err(e) => {
            eprintln!("error: {e}");
            Ok(false)
        }
    }
}

fn new(args: &NewArgs) -> Result<bool, String> {
    let (item, root) = match &args.what {
        NewKind::Event {
            title,
            start,
            end,
            level,
            slug,
            draft,
            root,
        } => (
            NewItem::Event {
                title: title.clone(),
                start: start.clone(),
                end: end.clone(),
                level: *level,
                slug: slug.clone(),
                draft: *draft,
            },
            root,
        ),
        NewKind::Page {
            title,
            slug,
            draft,
            root,
        } => (
            NewItem::Page {
                title: title.clone(),
                slug: slug.clone(),
                draft: *draft,
            },
            root,
        ),
        NewKind::Term { term, id, root } => (
            NewItem::Term {
                term: term.clone(),
                id: id.clone(),
            },
            root,
        ),
        NewKind::Network {
            name,
            id,
            level,
            url,
            root,
        } => (
            NewItem::Network {
                name: name.clone(),
                id: id.clone(),
                level: *level,
                url: url.clone(),
            },
            root,
        ),
        NewKind::KitItem {
            title,
            id,
            kind,
            language,
            file,
            url,
            root,
        } => (
            NewItem::KitItem {
                title: title.clone(),
                id: id.clone(),
                kind: *kind,
                language: language.clone(),
                file: file.clone(),
                url: url.clone(),
            },
            root,
        ),
    };
    let today = reference(args.today)?;
    match ambassade::scaffold::create(&root.root, &item, today) {
        Ok(c) if c.appended => {
            println!(
                "added `{}` at line {} of {}",
                c.id,
                c.line,
                c.path.display()
            );
            Ok(true)
        }
        Ok(c) => {
            println!("created {}", root.root.join(&c.path).display());
            Ok(true)
        }
        Err(NewError::Refused { message, hint }) => {
            eprintln!("error: {message}\n  hint: {hint}");
            Ok(false)
        }
        Err(NewError::Invalid(diags)) => {
            report(&diags, &root.root);
            eprintln!("nothing was written: the result would not pass `ambassade check`");
            Ok(false)
        }
    }
}

fn schema(args: &SchemaArgs) -> Result<bool, String> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.root.join("schemas"));
    match ambassade::schema::write_all(&out) {
        Ok(paths) => {
            for p in &paths {
                println!("wrote {}", p.display());
            }
            // The VS Code setting needs the folder relative to the workspace (the site folder).
            let shown = out
                .strip_prefix(&args.root)
                .unwrap_or(&out)
                .to_string_lossy()
                .replace('\\', "/");
            let settings = ambassade::schema::vscode_settings(&shown);
            println!(
                "for VS Code (YAML extension by Red Hat), in .vscode/settings.json:\n{}",
                serde_json::to_string_pretty(&settings).unwrap_or_default()
            );
            Ok(true)
        }
        Err(e) => {
            eprintln!(
                "error: cannot write the schemas into {}: {e}",
                out.display()
            );
            Ok(false)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let result = match &cli.command {
        Command::Build(args) => build(args, started),
        Command::Check(args) => check(args, started),
        Command::Serve(args) => serve(args),
        Command::New(args) => new(args),
        Command::Schema(args) => schema(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(usage) => {
            eprintln!("error: {usage}");
            ExitCode::from(2)
        }
    }
}
