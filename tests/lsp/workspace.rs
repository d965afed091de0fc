//! More than one file: imports from open buffers, the workspace's files on disk, files
//! changed on disk.

use serde_json::json;

use super::*;

#[test]
fn imports_come_from_open_buffers_first() {
    let dir = folder("imports");
    let main = dir.join("main.alliance");
    let lib = dir.join("lib.alliance");
    std::fs::write(&main, "import \"lib.alliance\"\ntreaty US Japan mutual\n").expect("main");
    std::fs::write(&lib, "state US\n").expect("lib on disk lacks Japan");
    let (main_uri, lib_uri) = (uri_of(&main), uri_of(&lib));
    let mut server = Server::start();
    initialize(&mut server);
    server.open(
        &main_uri,
        "import \"lib.alliance\"\ntreaty US Japan mutual\n",
    );
    let diags = server.diagnostics(&main_uri);
    assert!(
        diags.iter().any(|d| d["code"] == "alliance::unknown_name"),
        "{diags:?}"
    );
    // The unsaved buffer declares Japan: the importing file is checked against it.
    server.open(&lib_uri, "state US\nstate Japan\n");
    let mut diags = server.diagnostics(&main_uri);
    // Both documents are published after each change; take main's latest.
    while diags.iter().any(|d| d["code"] == "alliance::unknown_name") {
        diags = server.diagnostics(&main_uri);
    }
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");
    // Go to definition crosses into the imported buffer.
    let defs = server.request("textDocument/definition", at(&main_uri, 1, 11));
    assert_eq!(defs[0]["uri"], lib_uri.as_str());
    assert_eq!(
        defs[0]["range"]["start"],
        json!({"line": 1, "character": 6})
    );
    shutdown(server);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn references_and_rename_cover_the_workspace_on_disk() {
    let dir = folder("workspace");
    let (lib, main, other) = (
        dir.join("lib.alliance"),
        dir.join("sub").join("main.alliance"),
        dir.join("other.alliance"),
    );
    std::fs::create_dir_all(dir.join("sub")).expect("sub folder");
    std::fs::write(&lib, "state US\nstate Japan\n").expect("lib");
    std::fs::write(
        &main,
        "import \"../lib.alliance\"\ntreaty US Japan mutual\n",
    )
    .expect("main");
    // Declares a `US` of its own: not the same state.
    std::fs::write(&other, "state US\n").expect("other");
    let (lib_uri, main_uri, other_uri) = (uri_of(&lib), uri_of(&main), uri_of(&other));
    let mut server = Server::start();
    initialize_in(&mut server, &dir);
    server.open(&lib_uri, "state US\nstate Japan\n");
    server.diagnostics(&lib_uri);
    let refs = server.request(
        "textDocument/references",
        json!({"textDocument": {"uri": lib_uri}, "position": {"line": 0, "character": 6},
               "context": {"includeDeclaration": true}}),
    );
    assert_eq!(lines_in(&refs, &lib_uri), [0]);
    assert_eq!(lines_in(&refs, &main_uri), [1], "{refs}");
    assert_eq!(lines_in(&refs, &other_uri), Vec::<u64>::new(), "{refs}");
    let edit = server.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": lib_uri}, "position": {"line": 0, "character": 6}, "newName": "USA"}),
    );
    let changes = edit["changes"].as_object().cloned().unwrap_or_default();
    let mut files: Vec<&String> = changes.keys().collect();
    files.sort();
    assert_eq!(files, [&lib_uri, &main_uri]);
    assert_eq!(
        edit["changes"][main_uri.as_str()][0]["range"],
        json!({"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 9}})
    );
    // An open buffer wins over the file on disk.
    server.open(
        &main_uri,
        "import \"../lib.alliance\"\n\ntreaty US Japan mutual\n",
    );
    server.diagnostics(&main_uri);
    let refs = server.request(
        "textDocument/references",
        json!({"textDocument": {"uri": lib_uri}, "position": {"line": 0, "character": 6},
               "context": {"includeDeclaration": false}}),
    );
    assert_eq!(lines_in(&refs, &main_uri), [2], "{refs}");
    assert_eq!(lines_in(&refs, &lib_uri), Vec::<u64>::new(), "{refs}");
    shutdown(server);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_changed_on_disk_is_read_again() {
    let dir = folder("watched");
    let (main, lib) = (dir.join("main.alliance"), dir.join("lib.alliance"));
    let text = "import \"lib.alliance\"\ntreaty US Japan mutual\n";
    std::fs::write(&main, text).expect("main");
    std::fs::write(&lib, "state US\n").expect("lib");
    let (main_uri, lib_uri) = (uri_of(&main), uri_of(&lib));
    let mut server = Server::start();
    initialize_in(&mut server, &dir);
    server.open(&main_uri, text);
    let diags = server.diagnostics(&main_uri);
    assert!(has_unknown_name(&diags), "{diags:?}");
    // The import gains Japan on disk, and the client says so.
    std::fs::write(&lib, "state US\nstate Japan\n").expect("lib with Japan");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": lib_uri, "type": 2}]}),
    );
    let diags = diagnostics_until(&mut server, &main_uri, |d| !has_unknown_name(d));
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");
    // Japan goes again; this time only a save of the import is reported.
    std::fs::write(&lib, "state US\n").expect("lib without Japan");
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": lib_uri}}),
    );
    diagnostics_until(&mut server, &main_uri, has_unknown_name);
    shutdown(server);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_script_may_import_any_file_of_the_workspace() {
    let dir = folder("project");
    std::fs::create_dir_all(dir.join("scripts")).expect("folder");
    let (main, lib) = (
        dir.join("scripts").join("main.alliance"),
        dir.join("lib.alliance"),
    );
    let text = "import \"../lib.alliance\"\ntreaty US Japan mutual\n";
    std::fs::write(&lib, "state US\nstate Japan\n").expect("lib");
    let main_uri = uri_of(&main);
    // Without a workspace, the import is outside the script's folder.
    let mut server = Server::start();
    initialize(&mut server);
    server.open(&main_uri, text);
    let diags = server.diagnostics(&main_uri);
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "alliance::import_unreadable"
                && d["relatedInformation"][0]["message"] == "outside the project folder"),
        "{diags:?}"
    );
    shutdown(server);
    // With the folder above as the workspace, it is read.
    let mut server = Server::start();
    initialize_in(&mut server, &dir);
    server.open(&main_uri, text);
    let diags = server.diagnostics(&main_uri);
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");
    shutdown(server);
    let _ = std::fs::remove_dir_all(dir);
}
