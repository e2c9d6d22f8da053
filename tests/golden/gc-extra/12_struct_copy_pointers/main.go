package main

// Struct values holding pointers: copies, copies stored globally, arrays of structs, returned copies.

type Node struct {
	val  int
	next *Node
	name *string
}

var head Node

func link(n Node) Node {
	n.val++
	return n
}

func store(n Node) {
	head = n
}

func main() {
	s := "a"
	n1 := Node{val: 1, name: &s}
	n2 := n1
	n2.val = 2
	n3 := link(n2)
	t := "b"
	tail := Node{val: 9, name: &t}
	store(Node{val: 3, next: &tail})
	nodes := [2]Node{n1, n3}
	println(nodes[1].val, head.val)
}
