package io.terafab.fab.domain;

/** A report names a tool the fab does not have; nothing was changed. */
public class UnknownToolException extends FabRejection {

    public UnknownToolException(String toolId) {
        super("no tool " + toolId + " in the fab (tool ids are listed by GET /fab/tools)");
    }
}
