package org.smtprc.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One command line, checked: the command, its scan id or targets, and its options. */
record Invocation(Command command, long scanId, String targets, Map<String, String> options, boolean watch) {

    enum Command { SCAN, SCANS, HOSTS, REPORT, STOP, RESTART, HELP }

    static final String USAGE = """
            usage: smtprc scan TARGETS [--exclude TARGETS] [--ports 25,587] [--profile quick|full|…] [--watch]
                   smtprc scans
                   smtprc hosts ID [--verdict CONFIRMED_RELAY] [--sort address|-port|…]
                   smtprc report ID > scan.html
                   smtprc stop ID | smtprc restart ID
            The server and login come from SMTPRC_URL, SMTPRC_USER, SMTPRC_PASSWORD or from the file
            SMTPRC_CONFIG (default ~/.config/smtprc/client.properties, readable by its owner only).
            Exit status: 0 done, no proven relay; 1 proven relays found; 2 bad input; 3 server or connection error.""";

    private static final Map<Command, Set<String>> OPTIONS = Map.of(
            Command.SCAN, Set.of("exclude", "ports", "profile", "watch"),
            Command.HOSTS, Set.of("verdict", "sort"));
    private static final Set<String> FLAGS = Set.of("watch");

    Invocation {
        options = Map.copyOf(options);
    }

    String option(String name) {
        return options.get(name);
    }

    /** Reads the arguments; bad ones give an {@link UsageException} saying which, and nothing is sent. */
    static Invocation parse(List<String> args) {
        if (args.isEmpty() || Set.of("help", "--help", "-h").contains(args.get(0))) {
            return new Invocation(Command.HELP, 0, null, Map.of(), false);
        }
        Command command = command(args.get(0));
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (name.equals("password") || name.equals("user") || name.equals("url")) {
                throw new UsageException("--" + name + " is not taken on the command line (others could read it in"
                        + " the process list): set SMTPRC_" + name.toUpperCase() + " or write it in the client's"
                        + " configuration file");
            }
            if (!OPTIONS.getOrDefault(command, Set.of()).contains(name)) {
                throw new UsageException("smtprc " + command.name().toLowerCase() + " takes no option --" + name);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return switch (command) {
            case SCAN -> {
                if (positional.isEmpty()) {
                    throw new UsageException("smtprc scan needs targets, e.g. smtprc scan 192.0.2.0/24");
                }
                boolean watch = options.remove("watch") != null;
                yield new Invocation(command, 0, String.join(" ", positional), options, watch);
            }
            case SCANS -> {
                noMore(command, positional, 0);
                yield new Invocation(command, 0, null, options, false);
            }
            default -> {
                noMore(command, positional, 1);
                yield new Invocation(command, scanId(command, positional.get(0)), null, options, false);
            }
        };
    }

    private static Command command(String word) {
        try {
            Command command = Command.valueOf(word.toUpperCase());
            if (command != Command.HELP && word.equals(word.toLowerCase())) {
                return command;
            }
        } catch (IllegalArgumentException unknown) {
            // said below
        }
        throw new UsageException("unknown command '" + Terminal.visible(word) + "'");
    }

    private static void noMore(Command command, List<String> positional, int wanted) {
        String name = "smtprc " + command.name().toLowerCase();
        if (positional.size() < wanted) {
            throw new UsageException(name + " needs a scan id");
        }
        if (positional.size() > wanted) {
            throw new UsageException(name + " takes " + (wanted == 0 ? "no argument" : "one scan id") + ", not '"
                    + Terminal.visible(String.join(" ", positional)) + "'");
        }
    }

    private static long scanId(Command command, String word) {
        try {
            long id = Long.parseLong(word);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new UsageException("smtprc " + command.name().toLowerCase() + ": '" + Terminal.visible(word)
                + "' is not a scan id (a whole number, as smtprc scans lists them)");
    }

    /** Bad command-line input: exit status 2, nothing sent. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
