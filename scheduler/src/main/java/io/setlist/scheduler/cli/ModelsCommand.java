package io.setlist.scheduler.cli;

import io.setlist.recommender.completion.model.ModelSelection;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.predictions.CompletionModels;
import io.setlist.sql.models.ModelRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code setlist models list|train}: the completion-model registry. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "The model registry: list versions, train a challenger.",
        subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.Train.class})
final class ModelsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every registered version, * marks the champion.")
    static final class ListVersions implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Override
        public Integer call() {
            try (Backends backends = Backends.open(startup.get())) {
                System.out.printf("  %-11s %4s %-24s %8s %8s %8s %9s  %-20s %s%n", "model", "ver", "algorithm",
                        "rows", "accuracy", "AUC", "log-loss", "created", "changelog");
                for (ModelRegistry.Version v : new ModelRegistry(backends.warehouse()).versions(null)) {
                    System.out.printf("%s %-11s %4d %-24s %8d %7.2f%% %8.4f %9.4f  %-20s %s%n", v.champion() ? "*" : " ",
                            v.name(), v.version(), v.algorithm(), v.metrics().rows(), 100 * v.metrics().accuracy(),
                            v.metrics().auc(), v.metrics().logLoss(), v.createdAt().toString().substring(0, 19),
                            v.changelog());
                }
            }
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a completion model on the warehouse, register it as the next version, and make it the "
                    + "champion only if it beats the current one on the same evaluation window.")
    static final class Train implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Option(names = "--date", converter = BusinessDateOption.class,
                description = "Last business date of the training data, not later than today (default: yesterday, UTC).")
        LocalDate date;

        @Option(names = "--algorithm", defaultValue = "gradient-boosted-trees",
                description = "majority-class | logistic-regression | gradient-boosted-trees (default: ${DEFAULT-VALUE}).")
        String algorithm;

        @Option(names = "--changelog", description = "One line saying why this version exists.")
        String changelog;

        @Override
        public Integer call() {
            LocalDate day = date != null ? date : Dates.yesterdayUtc();
            try (Backends backends = Backends.open(startup.get())) {
                CompletionModels.Trained t = new CompletionModels(backends.warehouse())
                        .train(day, algorithm, changelog, ModelSelection.Grid.standard());
                System.out.printf("%s v%d: %s; %,d train / %,d validation plays; evaluation window %s%n",
                        CompletionModels.NAME, t.registration().version(), t.parameters(), t.trainRows(),
                        t.validationRows(), t.windows());
                System.out.printf("evaluation: %,d plays, accuracy %.2f%%, AUC %.4f, log-loss %.4f, Brier %.4f%n",
                        t.metrics().rows(), 100 * t.metrics().accuracy(), t.metrics().auc(), t.metrics().logLoss(),
                        t.metrics().brier());
                System.out.printf("%s: %s%n", t.registration().promoted() ? "promoted to champion" : "not promoted",
                        t.registration().reason());
            }
            return 0;
        }
    }
}
