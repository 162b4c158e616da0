using Hall.Provisioning;

// hallctl: the technician's tool. Runs on the box (or against a copy of its data directory), offline; `hub …` at the county.
return new Cli(Console.Out, Console.Error, TimeProvider.System).Run(args);
