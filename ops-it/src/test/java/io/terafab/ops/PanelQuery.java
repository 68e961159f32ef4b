package io.terafab.ops;

/** One PromQL expression of one panel of a dashboard file, as written (variables not substituted). */
record PanelQuery(String dashboardFile, int panelId, String panelTitle, String refId, String expr) {

    /** Where to find it, for failure messages. */
    String where() {
        return dashboardFile + " › panel " + panelId + " \"" + panelTitle + "\" › " + refId;
    }
}
