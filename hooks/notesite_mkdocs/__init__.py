"""notesite for MkDocs and ProperDocs: the plugin (`plugin`), the console script (`cli`) and the
export of a built site's sources for engines that run no plugins (`export`).

Nothing is imported here, so `notesite check` loads neither MkDocs nor the renderer.
"""
