// Stylesheets (ours and NutUI's compiled CSS) mean nothing in jsdom page tests.
module.exports = {}
