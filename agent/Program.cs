// Replaced by the agent host when it lands.
Console.Error.WriteLine("netguard-agent: not built yet");
return 2;
