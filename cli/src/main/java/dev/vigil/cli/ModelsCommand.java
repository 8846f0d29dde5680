package dev.vigil.cli;

import dev.vigil.registry.ops.ModelOperations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `vigil models ...`: the model registry for operators. */
@Command(name = "models", description = "List, inspect, promote, roll back and retrain models.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.History.class,
                ModelsCommand.Promote.class, ModelsCommand.Rollback.class, ModelsCommand.Retrain.class})
final class ModelsCommand {
    private static ModelOperations operations() {
        return new ModelOperations(CliConfig.load());
    }

    @Command(name = "list", description = "Every model with its production and staging versions.")
    static final class ListModels implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(operations().list());
            return 0;
        }
    }

    @Command(name = "show", description = "One version in full (default: the production version).")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name, e.g. bgp-peer.isolation-forest.")
        String model;
        @Parameters(index = "1", arity = "0..1", description = "Version.")
        Integer version;

        @Override
        public Integer call() {
            System.out.println(operations().show(model, version));
            return 0;
        }
    }

    @Command(name = "history", description = "Every version and stage change of a model.")
    static final class History implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name.")
        String model;

        @Override
        public Integer call() {
            System.out.println(operations().history(model));
            return 0;
        }
    }

    @Command(name = "promote", description = "Move a version to production; the current one is archived.")
    static final class Promote implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name.")
        String model;
        @Parameters(index = "1", description = "Version.")
        int version;
        @Option(names = "--reason", defaultValue = "promoted by operator")
        String reason;

        @Override
        public Integer call() {
            System.out.println(operations().promote(model, version, CliConfig.operator(), reason));
            return 0;
        }
    }

    @Command(name = "rollback", description = "Return to the version the current production version replaced.")
    static final class Rollback implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name.")
        String model;
        @Option(names = "--reason", defaultValue = "rolled back by operator")
        String reason;

        @Override
        public Integer call() {
            System.out.println(operations().rollback(model, CliConfig.operator(), reason));
            return 0;
        }
    }

    @Command(name = "retrain", description = "Ask the retrainer for a new version of a model, or of every model of a domain.")
    static final class Retrain implements Callable<Integer> {
        @Parameters(index = "0", description = "Model or domain name.")
        String target;
        @Option(names = "--force", description = "Skip the cooldown.")
        boolean force;
        @Option(names = "--reason", defaultValue = "requested by operator")
        String reason;

        @Override
        public Integer call() {
            System.out.println(operations().retrain(target, force, CliConfig.operator(), reason));
            return 0;
        }
    }
}
