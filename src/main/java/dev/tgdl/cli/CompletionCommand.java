package dev.tgdl.cli;

import dev.tgdl.app.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script.",
            "bash: source <(tgdl completion bash)    zsh: source <(tgdl completion zsh)"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    enum Shell { bash, zsh }

    @Override
    public Integer call() {
        TgdlCommand root = (TgdlCommand) spec.root().userObject();
        String script = AutoComplete.bash("tgdl", spec.root().commandLine());
        if (shell == Shell.zsh) {
            // picocli's script is bash; zsh runs it through its bash completion emulation
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        root.context().out().print(script);
        return ExitCode.OK.code();
    }
}
