// Starts `alliance lsp` for .alliance files: everything the editor shows (diagnostics, hover,
// definitions, completion, formatting) comes from the server, none of it is computed here.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("alliance").get("server.path", "alliance");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "alliance",
    "alliance",
    { run: server, debug: server },
    {
      documentSelector: [{ language: "alliance" }],
      // A script changed outside the editor (an import, say) is checked again: the server
      // hears of every change to a .alliance file in the workspace.
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.alliance") },
    },
  );
  context.subscriptions.push(client);
  return client.start().catch((err) => {
    vscode.window.showErrorMessage(
      `alliance: could not start \`${command} lsp\` (${err.message}). ` +
        "Install it with `cargo install --path .` or set alliance.server.path.",
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
