// Replaced by the System.CommandLine host when the plugin skeleton lands.
Console.Error.WriteLine("kubectl-netguard: not built yet");
return 2;
