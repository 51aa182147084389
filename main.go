// TransferLab teaches a computer to recognise your own pictures by transfer
// learning from a pretrained network. This is the desktop app's entry point;
// see cmd/transferlab for the command-line twin.
package main

import "transferlab/app"

func main() {
	app.Run()
}
