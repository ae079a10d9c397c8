// Replaced by the Kestrel host when the webhook lands.
Console.Error.WriteLine("netguard-webhook: not built yet");
return 2;
