package org.enclave.api.web;

import java.util.ArrayList;
import java.util.List;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;

/** The navigation a user sees: one entry per page their roles open, nothing else. */
public final class Nav {

    /** One link; {@code current} marks the section the page belongs to ({@code aria-current}). */
    public record Item(String label, String href, boolean current) {
    }

    private Nav() {
    }

    public static List<Item> of(Actor actor, String path) {
        List<Item> items = new ArrayList<>();
        add(items, path, "Home", "/portal", true);
        if (actor.has(Role.COMMITTEE)) {
            add(items, path, "Committee queue", "/portal/committee", false);
        }
        if (actor.has(Role.RESEARCHER) || actor.has(Role.COMMITTEE)) {
            add(items, path, actor.has(Role.COMMITTEE) ? "Projects" : "My projects", "/portal/projects", false);
        }
        if (actor.has(Role.RESEARCHER)) {
            add(items, path, "Workspaces", "/portal/workspaces", false);
            add(items, path, "Release requests", "/portal/releases", false);
        }
        if (actor.has(Role.STEWARD) || actor.has(Role.RESEARCHER) || actor.has(Role.COMMITTEE)) {
            add(items, path, "Catalogue", "/portal/catalogue", false);
        }
        if (actor.has(Role.CHECKER)) {
            add(items, path, "Output checking", "/portal/checker", false);
        }
        if (actor.has(Role.AUDITOR)) {
            add(items, path, "Audit trail", "/portal/audit", false);
        }
        return items;
    }

    private static void add(List<Item> items, String path, String label, String href, boolean exact) {
        boolean current = exact ? path.equals(href) : path.equals(href) || path.startsWith(href + "/");
        if (href.equals("/portal/workspaces") && path.startsWith("/portal/jobs/")) {
            current = true; // a job belongs to its workspace
        }
        items.add(new Item(label, href, current));
    }
}
