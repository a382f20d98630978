"""For a site that lists this file under `hooks:` instead of `plugins: [notesite]`: every build
event goes to one NotesitePlugin, whose options are `extra.notesite` (see notesite_mkdocs.config).
MkDocs loads a hook file once per process, so serve's rebuilds share the plugin's state."""

from notesite_mkdocs.plugin import NotesitePlugin

_plugin = NotesitePlugin(options_in_extra=True)
_plugin.load_config({})
# The plugin's own events, as this module's functions.
globals().update({name: getattr(_plugin, name) for name in vars(NotesitePlugin) if name.startswith("on_")})
